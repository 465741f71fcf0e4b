using System.Diagnostics.Metrics;
using FraudDetection.Observability;

namespace FraudDetection.Tests.Observability;

public sealed class ProcessorMetricsTests
{
    [Fact]
    public void Totals_add_up_in_the_snapshot()
    {
        using var metrics = new ProcessorMetrics("test");
        var lag = 0L;
        metrics.ObserveLag(() => lag);

        metrics.EventsIn("Demo_transactions", 10);
        metrics.EventsIn("Flagged_accounts", 2);
        metrics.Flagged("review", blocked: false);
        metrics.Flagged("block", blocked: true);
        metrics.DeadLettered("Demo_transactions");
        metrics.RuleRejected();
        metrics.AuditWritten(2);
        metrics.SinkRetried();
        lag = 7;

        Assert.Equal(new ProcessorStats(EventsIn: 12, Flagged: 2, Blocked: 1, DeadLettered: 1, RuleErrors: 1, AuditWrites: 2, SinkRetries: 1, Lag: 7), metrics.Snapshot());
    }

    [Fact]
    public void Instruments_publish_to_a_meter_listener_with_their_tags()
    {
        using var metrics = new ProcessorMetrics("instance-7");
        var longs = new List<(string Name, long Value, Dictionary<string, object?> Tags)>();
        var doubles = new List<(string Name, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ProcessorMetrics.MeterName && instrument.Tags?.Any(t => t.Value as string == "instance-7") == true)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            longs.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => doubles.Add((instrument.Name, value)));
        listener.Start();
        metrics.ObserveLag(() => 42);

        metrics.EventsIn("Demo_transactions", 3);
        metrics.Flagged("block", blocked: true);
        metrics.DeadLettered("Flagged_accounts");
        metrics.Latency(TimeSpan.FromMilliseconds(12.5));
        listener.RecordObservableInstruments();

        Assert.Contains(longs, m => m is { Name: "fraudlab.processor.events_in", Value: 3 } && (string?)m.Tags["topic"] == "Demo_transactions");
        Assert.Contains(longs, m => m is { Name: "fraudlab.processor.flagged", Value: 1 } && (string?)m.Tags["verdict"] == "block");
        Assert.Contains(longs, m => m is { Name: "fraudlab.processor.dead_lettered", Value: 1 } && (string?)m.Tags["topic"] == "Flagged_accounts");
        Assert.Contains(longs, m => m is { Name: "fraudlab.processor.lag", Value: 42 });
        Assert.Contains(doubles, m => m is { Name: "fraudlab.processor.end_to_end_latency", Value: 12.5 });
    }
}
