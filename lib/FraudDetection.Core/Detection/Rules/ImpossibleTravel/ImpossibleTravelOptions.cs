using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Detection.Rules;

/// <summary>Implied speed between an account's consecutive located transactions.</summary>
public sealed class ImpossibleTravelOptions : RuleOptions
{
    public ImpossibleTravelOptions() => Weight = 60;

    /// <summary>Faster than this (great-circle distance over elapsed event time) is impossible travel.</summary>
    [Range(1.0, 100000.0)]
    public double MaxSpeedKmh { get; set; } = 1000;

    /// <summary>Shorter hops are ignored whatever the time (geolocation jitter, same city).</summary>
    [Range(0.0, 20000.0)]
    public double MinDistanceKm { get; set; } = 100;
}
