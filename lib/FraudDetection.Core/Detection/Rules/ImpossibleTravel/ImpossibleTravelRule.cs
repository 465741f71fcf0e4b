using FraudDetection.Detection.Windows;
using FraudDetection.Model;

namespace FraudDetection.Detection.Rules;

/// <summary>
/// Implied speed from the account's previous located transaction (in event time) to this one: great-circle distance
/// at least <c>MinDistanceKm</c> and speed strictly above <c>MaxSpeedKmh</c>. Elapsed time is floored at one second.
/// A first located transaction is never flagged. Observed: km/h, rounded to 0.1.
/// State: the window holds recent locations; the newest evicted one is kept until even a trip to the antipode at
/// <c>MaxSpeedKmh</c> would be possible (<see cref="Horizon"/>), after which no speed can be impossible.
/// </summary>
internal sealed class ImpossibleTravelRule(ImpossibleTravelOptions options) : IAccountRule
{
    private const decimal MaxObserved = 1_000_000_000m;

    public string Id => BuiltInRuleIds.ImpossibleTravel;

    public int Weight => options.Weight;

    public bool IsWindowed => true;

    /// <summary>How long a location can matter.</summary>
    public TimeSpan Horizon => TimeSpan.FromHours(GeoDistance.MaxKm / options.MaxSpeedKmh) + TimeSpan.FromSeconds(1);

    public Reason? Evaluate(in RuleInput input)
    {
        var transaction = input.Transaction;
        if (!transaction.HasLocation || !TryPrevious(input, out var previous))
        {
            return null;
        }

        var km = GeoDistance.Kilometres(previous.Latitude, previous.Longitude, transaction.Latitude!.Value, transaction.Longitude!.Value);
        if (km < options.MinDistanceKm)
        {
            return null;
        }

        var hours = Math.Max(input.Ticks - previous.Ticks, TimeSpan.TicksPerSecond) / (double)TimeSpan.TicksPerHour;
        var speed = km / hours;
        if (speed <= options.MaxSpeedKmh)
        {
            return null;
        }

        var observed = Math.Min(MaxObserved, decimal.Round((decimal)Math.Min(speed, (double)MaxObserved), 1));
        return new Reason
        {
            RuleId = Id,
            Description = $"{km:F0} km in {TimeSpan.FromHours(hours):g} from the previous transaction",
            Observed = observed,
            Threshold = (decimal)options.MaxSpeedKmh,
        };
    }

    private static bool TryPrevious(in RuleInput input, out WindowEntry previous)
    {
        for (var i = input.Index - 1; i >= 0; i--)
        {
            if (input.Window[i].HasLocation)
            {
                previous = input.Window[i];
                return true;
            }
        }

        previous = input.Account.PreviousLocation;
        return previous.HasLocation && previous.Ticks <= input.Ticks;
    }
}
