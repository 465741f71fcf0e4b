using Confluent.Kafka;
using Confluent.Kafka.Admin;
using FraudDetection.Configuration;

namespace FraudDetection.Streaming;

/// <summary>Creates and lists the kit's topics. Creating is idempotent: a topic that already exists counts as success.</summary>
public sealed class TopicAdmin : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    private readonly IAdminClient _admin;

    public TopicAdmin(KafkaClientFactory factory)
    {
        _admin = new AdminClientBuilder(factory.AdminConfig("admin")).Build();
    }

    /// <summary>Creates every topic of <paramref name="topics"/> that is missing; returns the names it created.</summary>
    public async Task<IReadOnlyList<string>> EnsureTopicsAsync(TopicsOptions topics, CancellationToken cancellationToken = default)
    {
        var existing = (await ListTopicsAsync(cancellationToken).ConfigureAwait(false)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var missing = topics.All.Distinct(StringComparer.Ordinal).Where(name => !existing.Contains(name)).ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        var specifications = missing.Select(name => new TopicSpecification
        {
            Name = name,
            NumPartitions = topics.Partitions,
            ReplicationFactor = topics.ReplicationFactor,
        });
        try
        {
            await _admin.CreateTopicsAsync(specifications, new CreateTopicsOptions { RequestTimeout = RequestTimeout }).WaitAsync(cancellationToken).ConfigureAwait(false);
            return missing;
        }
        catch (CreateTopicsException ex)
        {
            // Another client may have created some of them between our listing and our request: that is success.
            var failures = ex.Results.Where(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists).ToList();
            if (failures.Count > 0)
            {
                var detail = string.Join("; ", failures.Select(f => $"{f.Topic}: {f.Error.Reason}"));
                throw new KafkaAdminException($"could not create topics on {_admin.Name}: {detail}", ex);
            }

            return ex.Results.Where(r => !r.Error.IsError).Select(r => r.Topic).ToList();
        }
    }

    /// <summary>The topics the cluster knows (internal ones excluded), with their partition counts, sorted by name.</summary>
    public Task<IReadOnlyList<TopicInfo>> ListTopicsAsync(CancellationToken cancellationToken = default) =>
        Task.Run<IReadOnlyList<TopicInfo>>(
            () =>
            {
                var metadata = _admin.GetMetadata(RequestTimeout);
                return metadata.Topics
                    .Where(t => !t.Topic.StartsWith("__", StringComparison.Ordinal) && t.Error.Code == ErrorCode.NoError)
                    .Select(t => new TopicInfo(t.Topic, t.Partitions.Count))
                    .OrderBy(t => t.Name, StringComparer.Ordinal)
                    .ToList();
            },
            cancellationToken);

    public void Dispose() => _admin.Dispose();
}

/// <summary>A topic and its partition count.</summary>
public sealed record TopicInfo(string Name, int Partitions);
