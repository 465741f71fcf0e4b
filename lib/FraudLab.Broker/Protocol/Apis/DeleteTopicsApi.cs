using FraudLab.Broker.Server;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>DeleteTopics v0-3: removes topics and their data.</summary>
internal sealed class DeleteTopicsApi(BrokerContext broker) : IApiHandler
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
            response.WriteInt16(broker.Topics.Delete(name));
        }
        return ValueTask.CompletedTask;
    }
}
