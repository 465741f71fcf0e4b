using Confluent.Kafka;
using FraudDetection.Observability;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace FraudDetection.Streaming;

/// <summary>
/// Backpressure for the sinks: a failed Kafka acknowledgement or DynamoDB write pauses the consumer's partitions (no
/// more fetching), retries with exponential backoff and jitter for as long as it takes, and resumes once the sink
/// answers. Nothing is dropped and no offset moves meanwhile. Only cancellation ends the retries.
/// </summary>
internal sealed class SinkRetry
{
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;
    private readonly ProcessorMetrics _metrics;
    private IConsumer<byte[]?, InputRecord>? _paused;

    public SinkRetry(ProcessorOptions options, ProcessorMetrics metrics, ILogger logger)
    {
        _metrics = metrics;
        _logger = logger;
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                OnRetry = args =>
                {
                    _metrics.SinkRetried();
                    _logger.LogWarning("sink failed (attempt {Attempt}), retrying in {Delay} ms: {Error}", args.AttemptNumber + 1, (int)args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Runs <paramref name="sink"/> until it succeeds; the consumer is paused from the first failure until then.</summary>
    public void Run(IConsumer<byte[]?, InputRecord> consumer, Action<CancellationToken> sink, CancellationToken cancellationToken)
    {
        _pipeline.Execute(
            ct =>
            {
                try
                {
                    sink(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Pause(consumer);
                    throw;
                }
            },
            cancellationToken);
        Resume();
    }

    private void Pause(IConsumer<byte[]?, InputRecord> consumer)
    {
        if (_paused is null)
        {
            consumer.Pause(consumer.Assignment);
            _paused = consumer;
            _logger.LogWarning("consumer paused until the sinks answer again");
        }
    }

    private void Resume()
    {
        if (_paused is { } consumer)
        {
            consumer.Resume(consumer.Assignment);
            _paused = null;
            _logger.LogInformation("sinks answer again; consumer resumed");
        }
    }
}
