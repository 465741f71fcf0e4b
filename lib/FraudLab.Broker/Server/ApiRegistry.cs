using FraudLab.Broker.Protocol;
using FraudLab.Broker.Protocol.Apis;

namespace FraudLab.Broker.Server;

/// <summary>The served APIs by key, with the version ranges ApiVersions (always served) advertises.</summary>
internal sealed class ApiRegistry
{
    private readonly IApiHandler?[] _byKey = new IApiHandler?[short.MaxValue + 1];

    public ApiRegistry(IEnumerable<IApiHandler> handlers)
    {
        foreach (var handler in handlers.Append(new ApiVersionsApi(this))) _byKey[(short)handler.Key] = handler;
    }

    public IEnumerable<IApiHandler> Handlers => _byKey.OfType<IApiHandler>();

    /// <summary>The handler for a key and version, or null when either is not served.</summary>
    public IApiHandler? Find(ApiKey key, short version) =>
        (short)key >= 0 && _byKey[(short)key] is { } handler && version >= handler.MinVersion && version <= handler.MaxVersion
            ? handler
            : null;
}
