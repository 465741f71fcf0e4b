namespace FraudLab.Bench;

/// <summary>
/// How big a run is. Quick: under 2 minutes on 2 cores, for CI and a first look. Full: under 10 minutes,
/// the numbers the README publishes.
/// </summary>
public sealed record BenchProfile(
    string Name,
    int EngineEvents,
    int EnginePasses,
    IReadOnlyList<int> MemoryAccounts,
    IReadOnlyList<double> LatencyRates,
    TimeSpan LatencyDuration,
    IReadOnlyList<double> SustainedRates,
    TimeSpan SustainedDuration,
    int CeilingEvents,
    int SinkItems,
    int BrokerMessages,
    TimeSpan BrokerLatencyDuration)
{
    public static BenchProfile Quick { get; } = new(
        "quick",
        EngineEvents: 200_000,
        EnginePasses: 3,
        MemoryAccounts: [10_000],
        LatencyRates: [1_000, 10_000, 50_000],
        LatencyDuration: TimeSpan.FromSeconds(8),
        SustainedRates: [25_000, 50_000, 100_000, 200_000],
        SustainedDuration: TimeSpan.FromSeconds(8),
        CeilingEvents: 200_000,
        SinkItems: 5_000,
        BrokerMessages: 300_000,
        BrokerLatencyDuration: TimeSpan.FromSeconds(5));

    public static BenchProfile Full { get; } = new(
        "full",
        EngineEvents: 2_000_000,
        EnginePasses: 5,
        MemoryAccounts: [10_000, 100_000],
        LatencyRates: [1_000, 10_000, 50_000],
        LatencyDuration: TimeSpan.FromSeconds(60),
        SustainedRates: [50_000, 100_000, 150_000, 200_000],
        SustainedDuration: TimeSpan.FromSeconds(60),
        CeilingEvents: 2_000_000,
        SinkItems: 50_000,
        BrokerMessages: 2_000_000,
        BrokerLatencyDuration: TimeSpan.FromSeconds(30));

    /// <summary>A tiny profile for tests of the harness itself (numbers mean nothing).</summary>
    public static BenchProfile Tiny { get; } = new(
        "tiny",
        EngineEvents: 2_000,
        EnginePasses: 1,
        MemoryAccounts: [200],
        LatencyRates: [500],
        LatencyDuration: TimeSpan.FromSeconds(1),
        SustainedRates: [1_000],
        SustainedDuration: TimeSpan.FromSeconds(1),
        CeilingEvents: 2_000,
        SinkItems: 50,
        BrokerMessages: 2_000,
        BrokerLatencyDuration: TimeSpan.FromSeconds(1));
}
