namespace FraudDetection.Observability;

/// <summary>Running totals of one processor since it started.</summary>
/// <param name="EventsIn">Records consumed from transactions and flags (rules not included).</param>
/// <param name="Flagged">Transactions with a review or block verdict (one output record and audit item each).</param>
/// <param name="Blocked">Of those, block verdicts (also sent to the alerts topic).</param>
/// <param name="DeadLettered">Records sent to the dead-letter topic.</param>
/// <param name="RuleErrors">Rules rejected to the rule-errors topic.</param>
/// <param name="AuditWrites">Audit items DynamoDB acknowledged (re-writes after a replay included).</param>
/// <param name="SinkRetries">Times a sink call failed and was retried (DynamoDB slow or down).</param>
/// <param name="Lag">Records behind the high watermark on the assigned transaction partitions.</param>
/// <param name="SinkTimeouts">Of the retries, sink calls that failed by not answering within <c>Processor:SinkTimeout</c> (a stalled sink).</param>
public sealed record ProcessorStats(
    long EventsIn,
    long Flagged,
    long Blocked,
    long DeadLettered,
    long RuleErrors,
    long AuditWrites,
    long SinkRetries,
    long Lag,
    long SinkTimeouts = 0);
