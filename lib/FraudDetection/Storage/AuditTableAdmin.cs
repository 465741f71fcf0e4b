using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using FraudDetection.Configuration;

namespace FraudDetection.Storage;

/// <summary>
/// Creates the audit table (partition <c>Account_Id</c> N, sort <c>Transaction_Id</c> S, on-demand billing),
/// waits until it is ACTIVE and enables TTL on the expiry attribute where the endpoint supports it.
/// dynalite has no UpdateTimeToLive: that is reported as a note, not an error.
/// </summary>
public sealed class AuditTableAdmin(IAmazonDynamoDB client, AuditTableOptions options)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Creates the table if missing; idempotent. The result says what happened and carries any note for the user.</summary>
    /// <para>
    /// With AWS credentials that may not do one of these calls (an IAM role narrower than the kit needs) the
    /// AccessDenied becomes one <see cref="AuditTableAccessException"/> line naming the action and the table; only the
    /// TTL check, which the stack has already done, degrades to a note.
    /// </para>
    public async Task<AuditTableStatus> EnsureTableAsync(CancellationToken cancellationToken = default)
    {
        var created = await WaitActiveAsync(cancellationToken).ConfigureAwait(false);
        var ttlNote = await EnableTimeToLiveAsync(cancellationToken).ConfigureAwait(false);
        return new AuditTableStatus(options.TableName, created, TtlEnabled: ttlNote is null, ttlNote);
    }

    /// <summary>Number of items, counted with a paginated COUNT scan (exact; meant for checks and notebooks, not hot paths).</summary>
    public async Task<long> CountItemsAsync(CancellationToken cancellationToken = default)
    {
        long count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await client.ScanAsync(
                new ScanRequest { TableName = options.TableName, Select = Select.COUNT, ExclusiveStartKey = start, ConsistentRead = true },
                cancellationToken).ConfigureAwait(false);
            count += response.Count ?? 0;
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return count;
    }

    /// <summary>Deletes the table if it exists and waits until it is gone (tests, resets).</summary>
    public async Task DeleteTableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await client.DeleteTableAsync(options.TableName, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException)
        {
            return;
        }

        while (await DescribeAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private CreateTableRequest CreateRequest() => new()
    {
        TableName = options.TableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(AuditAttributes.AccountId, ScalarAttributeType.N),
            new AttributeDefinition(AuditAttributes.TransactionId, ScalarAttributeType.S),
        ],
        KeySchema =
        [
            new KeySchemaElement(AuditAttributes.AccountId, KeyType.HASH),
            new KeySchemaElement(AuditAttributes.TransactionId, KeyType.RANGE),
        ],
    };

    private async Task<TableDescription?> DescribeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await client.DescribeTableAsync(options.TableName, cancellationToken).ConfigureAwait(false)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until the table is ACTIVE, creating it whenever it is missing (also after a DELETING table went away);
    /// true when this call created it.
    /// </summary>
    private async Task<bool> WaitActiveAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ActiveTimeout);
        var created = false;
        while (true)
        {
            var table = await Guarded("DescribeTable", () => DescribeAsync(timeout.Token)).ConfigureAwait(false);
            if (table?.TableStatus == TableStatus.ACTIVE)
            {
                return created;
            }

            if (table is null)
            {
                try
                {
                    await Guarded("CreateTable", () => client.CreateTableAsync(CreateRequest(), timeout.Token)).ConfigureAwait(false);
                    created = true;
                    continue;
                }
                catch (ResourceInUseException)
                {
                    // Created concurrently by another instance, or still being deleted: wait and look again.
                }
            }

            try
            {
                await Task.Delay(PollInterval, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"table {options.TableName} did not become ACTIVE within {ActiveTimeout.TotalSeconds:0} s (status {table?.TableStatus?.Value ?? "missing"})");
            }
        }
    }

    /// <summary>Returns null when TTL is on, else a one-line note why not.</summary>
    private async Task<string?> EnableTimeToLiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var current = await client.DescribeTimeToLiveAsync(options.TableName, cancellationToken).ConfigureAwait(false);
            var status = current.TimeToLiveDescription?.TimeToLiveStatus;
            if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING)
            {
                return null;
            }

            await client.UpdateTimeToLiveAsync(
                new UpdateTimeToLiveRequest
                {
                    TableName = options.TableName,
                    TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = options.TtlAttribute, Enabled = true },
                },
                cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (AmazonDynamoDBException ex) when (IsUnsupportedOperation(ex))
        {
            return $"TTL not enabled on {options.TableName}: this DynamoDB endpoint has no UpdateTimeToLive (dynalite); items keep {options.TtlAttribute} but nothing expires them";
        }
        catch (AmazonDynamoDBException ex) when (IsAccessDenied(ex))
        {
            return $"TTL of {options.TableName} not checked: these credentials may not call {DeniedAction(ex, "dynamodb:DescribeTimeToLive")} (the stack enables TTL itself)";
        }
    }

    private async Task<T> Guarded<T>(string action, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonDynamoDBException ex) when (IsAccessDenied(ex))
        {
            throw new AuditTableAccessException(
                $"access denied: these AWS credentials may not call {DeniedAction(ex, $"dynamodb:{action}")} on table {options.TableName}; use the role the stack gives the processor or the workshop host", ex);
        }
    }

    internal static bool IsAccessDenied(Amazon.Runtime.AmazonServiceException ex) =>
        ex.ErrorCode is "AccessDeniedException" or "AccessDenied" || ex.StatusCode == System.Net.HttpStatusCode.Forbidden;

    private static string DeniedAction(Exception ex, string fallback) =>
        System.Text.RegularExpressions.Regex.Match(ex.Message, @"dynamodb:[A-Za-z]+") is { Success: true } match ? match.Value : fallback;

    // dynalite answers an unknown operation with an UnknownOperationException (HTTP 400).
    private static bool IsUnsupportedOperation(AmazonDynamoDBException ex) =>
        ex.ErrorCode is "UnknownOperationException" or "UnrecognizedClientException"
        || ex.Message.Contains("UnknownOperation", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What <see cref="AuditTableAdmin.EnsureTableAsync"/> did; <see cref="Note"/> is shown to the user when not null.</summary>
public sealed record AuditTableStatus(string TableName, bool Created, bool TtlEnabled, string? Note);
