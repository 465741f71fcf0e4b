using System.Collections.Concurrent;

namespace FraudDetection.Tests.Stack;

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them later to a thread pool).</summary>
internal sealed class ListProgress<T> : IProgress<T>
{
    private readonly ConcurrentQueue<T> items = new();

    public event Action<T>? Reported;

    public IReadOnlyList<T> Items => [.. items];

    public void Report(T value)
    {
        items.Enqueue(value);
        Reported?.Invoke(value);
    }
}
