using FraudLab.Broker.Server;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>ApiVersions v0-2: every served API with its version range (minimum 0).</summary>
internal sealed class ApiVersionsApi(ApiRegistry registry) : IApiHandler
{
    public ApiKey Key => ApiKey.ApiVersions;

    public short MaxVersion => 2;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var handlers = registry.Handlers.ToList();
        response.WriteInt16(ErrorCode.None);
        response.WriteArrayCount(handlers.Count);
        foreach (var handler in handlers)
        {
            response.WriteInt16((short)handler.Key);
            response.WriteInt16(handler.MinVersion);
            response.WriteInt16(handler.MaxVersion);
        }
        if (request.Version >= 1) response.WriteInt32(0);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The answer to a version this broker does not serve: the v0 ApiVersions body (error 35, no APIs).
    /// librdkafka opens with ApiVersions v3 and retries with v0 on exactly this; other APIs get it too,
    /// since any version above the advertised range has no body format the broker could use.
    /// </summary>
    public static void WriteUnsupportedVersion(ResponseWriter response)
    {
        response.WriteInt16(ErrorCode.UnsupportedVersion);
        response.WriteArrayCount(0);
    }
}
