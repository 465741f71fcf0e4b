namespace FraudDetection.Tests.Detection.Rules;

public sealed class ImpossibleTravelRuleTests
{
    private const string Rule = "impossible-travel";
    private const double NewYorkLat = 40.7128, NewYorkLon = -74.0060;
    private const double LondonLat = 51.5074, LondonLon = -0.1278; // ~5570 km from New York

    [Fact]
    public void First_transaction_is_never_flagged()
    {
        var engine = Tx.Engine(Rule);

        Assert.Empty(engine.Process(Tx.At(1, 0, lat: LondonLat, lon: LondonLon)).Reasons);
    }

    [Fact]
    public void New_york_to_london_in_an_hour_fires_with_the_speed()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 0, lat: NewYorkLat, lon: NewYorkLon));

        var reason = Assert.Single(engine.Process(Tx.At(1, 3600, lat: LondonLat, lon: LondonLon)).Reasons);

        Assert.InRange(reason.Observed, 5500m, 5650m);
        Assert.Equal(1000m, reason.Threshold);
    }

    [Fact]
    public void Same_trip_in_eight_hours_is_possible()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 0, lat: NewYorkLat, lon: NewYorkLon));

        Assert.Empty(engine.Process(Tx.At(1, 8 * 3600, lat: LondonLat, lon: LondonLon)).Reasons);
    }

    [Fact]
    public void Fires_above_the_speed_and_not_below_it()
    {
        var km = FraudDetection.Detection.Rules.GeoDistance.Kilometres(0, 0, 0, 9); // about 1000 km
        var secondsAtLimit = km / 500 * 3600;

        var slower = Tx.Engine(Rule, o => o.ImpossibleTravel.MaxSpeedKmh = 500);
        slower.Process(Tx.At(1, 0, lat: 0, lon: 0));
        Assert.Empty(slower.Process(Tx.At(1, secondsAtLimit + 1, lat: 0, lon: 9)).Reasons);

        var faster = Tx.Engine(Rule, o => o.ImpossibleTravel.MaxSpeedKmh = 500);
        faster.Process(Tx.At(1, 0, lat: 0, lon: 0));
        var reason = Assert.Single(faster.Process(Tx.At(1, secondsAtLimit - 1, lat: 0, lon: 9)).Reasons);
        Assert.InRange(reason.Observed, 500.01m, 501m);
    }

    [Fact]
    public void Short_hops_are_ignored_even_when_fast()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 0, lat: 40.70, lon: -74.00));

        Assert.Empty(engine.Process(Tx.At(1, 1, lat: 41.20, lon: -74.00)).Reasons); // ~55 km, under MinDistanceKm 100
    }

    [Fact]
    public void Transactions_without_location_are_skipped_not_compared()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 0, lat: NewYorkLat, lon: NewYorkLon));
        Assert.Empty(engine.Process(Tx.At(1, 60)).Reasons);

        Assert.Single(engine.Process(Tx.At(1, 120, lat: LondonLat, lon: LondonLon)).Reasons);
    }

    [Fact]
    public void Previous_location_outlives_the_windows()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 0, lat: NewYorkLat, lon: NewYorkLon));

        // Two hours later: far beyond every window, but 5570 km in 2 h is still impossible.
        Assert.Single(engine.Process(Tx.At(1, 7200, lat: LondonLat, lon: LondonLon)).Reasons);
    }

    [Fact]
    public void Out_of_order_event_is_compared_with_its_predecessor_in_event_time()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 0, lat: NewYorkLat, lon: NewYorkLon));
        engine.Process(Tx.At(1, 20, lat: NewYorkLat, lon: NewYorkLon));

        // Arrives after t=20 but happened at t=10, in London: compared with New York at t=0.
        Assert.Single(engine.Process(Tx.At(1, 10, lat: LondonLat, lon: LondonLon)).Reasons);
    }

    [Fact]
    public void Accounts_travel_separately()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 0, lat: NewYorkLat, lon: NewYorkLon));

        Assert.Empty(engine.Process(Tx.At(2, 60, lat: LondonLat, lon: LondonLon)).Reasons);
    }
}
