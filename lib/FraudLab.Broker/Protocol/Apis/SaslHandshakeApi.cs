using FraudLab.Broker.Security;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>
/// SaslHandshake v0-1 (served when the broker has SCRAM users): picks the mechanism. v1 continues with
/// SaslAuthenticate requests; v0 with bare SASL tokens on the wire (what old clients do).
/// </summary>
internal sealed class SaslHandshakeApi : IApiHandler
{
    public ApiKey Key => ApiKey.SaslHandshake;

    public short MaxVersion => 1;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var reader = request.Reader();
        var name = reader.ReadString();
        var session = request.Sasl ?? throw new InvalidOperationException("SaslHandshake served on a listener without SASL");
        var mechanism = ScramMechanism.Find(name);
        var error = session.Authenticated || session.Exchange is not null ? ErrorCode.IllegalSaslState
            : mechanism is null ? ErrorCode.UnsupportedSaslMechanism
            : ErrorCode.None;
        if (error == ErrorCode.None) session.Begin(mechanism!, rawTokens: request.Version == 0);
        else session.CloseReason = error == ErrorCode.IllegalSaslState
            ? "SaslHandshake after the SASL handshake (re-authentication is not supported)"
            : $"SaslHandshake asked for mechanism '{name}' (this broker offers {string.Join(", ", ScramMechanism.All.Select(m => m.Name))})";
        response.WriteInt16(error);
        response.WriteArrayCount(ScramMechanism.All.Count);
        foreach (var offered in ScramMechanism.All) response.WriteString(offered.Name);
        return ValueTask.CompletedTask;
    }
}
