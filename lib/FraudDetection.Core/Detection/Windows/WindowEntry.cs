namespace FraudDetection.Detection.Windows;

/// <summary>What the windows keep of one transaction: event time, amount, location (NaN when absent). 40 bytes.</summary>
internal readonly record struct WindowEntry(long Ticks, decimal Amount, double Latitude, double Longitude)
{
    /// <summary>No entry: no location, oldest possible time.</summary>
    public static readonly WindowEntry None = new(long.MinValue, 0, double.NaN, double.NaN);

    public bool HasLocation => !double.IsNaN(Latitude);
}
