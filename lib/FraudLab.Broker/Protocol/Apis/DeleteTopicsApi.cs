using FraudLab.Broker.Groups;
using FraudLab.Broker.Server;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>
/// DeleteTopics v0-3: removes topics, their data and every group's committed offsets for them, so a topic
/// re-created under the same name starts groups from their reset policy, not from stale positions.
/// </summary>
internal sealed class DeleteTopicsApi(BrokerContext broker, GroupCoordinator groups) : IApiHandler
{
    public ApiKey Key => ApiKey.DeleteTopics;

    public short MaxVersion => 3;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var reader = request.Reader();
        var names = reader.ReadStringArray();
        reader.ReadInt32(); // timeout
        if (request.Version >= 1) response.WriteInt32(0);
        response.WriteArrayCount(names.Count);
        foreach (var name in names)
        {
            response.WriteString(name);
            var error = broker.Topics.Delete(name);
            if (error == ErrorCode.None) groups.DeleteTopicOffsets(name);
            response.WriteInt16(error);
        }
        return ValueTask.CompletedTask;
    }
}
