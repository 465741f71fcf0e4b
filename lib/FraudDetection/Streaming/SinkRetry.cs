using Confluent.Kafka;
using FraudDetection.Observability;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace FraudDetection.Streaming;

/// <summary>
/// Backpressure for the sinks: a failed Kafka acknowledgement or DynamoDB write pauses the consumer's partitions (no
/// more fetching), retries with exponential backoff and jitter for as long as it takes, and resumes once the sink
/// answers. Nothing is dropped and no offset moves meanwhile. Only cancellation ends the retries. Thread-safe: the
/// Kafka acknowledgement and the overlapping DynamoDB write may retry at the same time; the consumer resumes only
/// when every failing sink has recovered.
/// </summary>
internal sealed class SinkRetry
{
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;
    private readonly ProcessorMetrics _metrics;
    private readonly Lock _pauseLock = new();
    private int _failingSinks;

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
                    _metrics.SinkRetried(args.Outcome.Exception is SinkTimeoutException);
                    _logger.LogWarning("sink failed (attempt {Attempt}), retrying in {Delay} ms: {Error}", args.AttemptNumber + 1, (int)args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Runs <paramref name="sink"/> until it succeeds; the consumer is paused from the first failure until then.</summary>
    public void Run(IConsumer<byte[]?, InputRecord> consumer, Action<CancellationToken> sink, CancellationToken cancellationToken)
    {
        var failed = false;
        try
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
                        if (!failed)
                        {
                            failed = true;
                            Pause(consumer);
                        }

                        throw;
                    }
                },
                cancellationToken);
        }
        finally
        {
            if (failed)
            {
                Resume(consumer);
            }
        }
    }

    private void Pause(IConsumer<byte[]?, InputRecord> consumer)
    {
        lock (_pauseLock)
        {
            if (_failingSinks++ == 0)
            {
                consumer.Pause(consumer.Assignment);
                _logger.LogWarning("consumer paused until the sinks answer again");
            }
        }
    }

    private void Resume(IConsumer<byte[]?, InputRecord> consumer)
    {
        lock (_pauseLock)
        {
            if (--_failingSinks == 0)
            {
                consumer.Resume(consumer.Assignment);
                _logger.LogInformation("sinks answer again; consumer resumed");
            }
        }
    }
}
