using Microsoft.Extensions.Logging;

namespace FraudLab.Broker.Tests.Groups;

/// <summary>A logger that keeps the lines written at Warning and above, to check what an operator would see.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<string> warnings = [];

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (warnings)
                return [.. warnings];
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel < LogLevel.Warning)
            return;
        lock (warnings)
            warnings.Add(formatter(state, exception));
    }
}
