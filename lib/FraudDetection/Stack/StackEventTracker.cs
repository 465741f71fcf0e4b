namespace FraudDetection.Stack;

/// <summary>Remembers which events were already shown, so each poll reports only the new ones, oldest first.</summary>
public sealed class StackEventTracker
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    /// <summary>Marks <paramref name="events"/> as already known (the history before an operation starts).</summary>
    public void Baseline(IEnumerable<StackEvent> events) => seen.UnionWith(events.Select(e => e.EventId));

    public IReadOnlyList<StackEvent> TakeNew(IEnumerable<StackEvent> events) =>
        events.Where(e => seen.Add(e.EventId)).OrderBy(e => e.Timestamp).ToList();
}
