using FraudDetection.Configuration;
using FraudDetection.Streaming;
using FraudLab.Testing;

namespace FraudDetection.Tests.Streaming;

public sealed class TopicAdminTests(LocalStackFixture stack)
{
    [Fact]
    public async Task Creates_every_kit_topic_once_with_the_configured_partitions()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = UniqueTopics(partitions: 3);
        using var admin = new TopicAdmin(stack.KafkaClients);

        var created = await admin.EnsureTopicsAsync(topics, ct);
        var again = await admin.EnsureTopicsAsync(topics, ct);

        Assert.Equal(topics.All.Order(), created.Order());
        Assert.Empty(again);
        var listed = (await admin.ListTopicsAsync(ct)).Where(t => topics.All.Contains(t.Name)).ToList();
        Assert.Equal(topics.All.Order(), listed.Select(t => t.Name));
        Assert.All(listed, t => Assert.Equal(3, t.Partitions));
    }

    [Fact]
    public async Task A_topic_created_by_someone_else_counts_as_present()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = UniqueTopics(partitions: 2);
        await stack.CreateTopicAsync(partitions: 2, name: topics.Transactions);
        using var admin = new TopicAdmin(stack.KafkaClients);

        var created = await admin.EnsureTopicsAsync(topics, ct);

        Assert.DoesNotContain(topics.Transactions, created);
        Assert.Equal(6, created.Count);
    }

    internal static TopicsOptions UniqueTopics(int partitions = 4)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        return new TopicsOptions
        {
            Transactions = $"tx-{suffix}",
            FlaggedAccounts = $"flags-{suffix}",
            Processed = $"processed-{suffix}",
            Rules = $"rules-{suffix}",
            RuleErrors = $"rule-errors-{suffix}",
            DeadLetter = $"dead-{suffix}",
            Alerts = $"alerts-{suffix}",
            Partitions = partitions,
        };
    }
}
