namespace FraudLab.Broker.Security;

/// <summary>
/// One connection's SASL state: Handshake -> Authenticate (Kafka framing, SaslHandshake v1) or raw tokens
/// (SaslHandshake v0) -> Authenticated. Until authenticated, only ApiVersions and the SASL APIs are served.
/// Authentication lasts as long as the connection (no re-authentication: session lifetime 0).
/// </summary>
internal sealed class SaslSession(ListenerSecurity security)
{
    public ListenerSecurity Security => security;

    public bool Authenticated { get; private set; }

    /// <summary>The exchange a handshake started, until it completes or fails.</summary>
    public ScramServerExchange? Exchange { get; private set; }

    /// <summary>After SaslHandshake v0 the next frames are bare SASL tokens, not Kafka requests.</summary>
    public bool ExpectsRawTokens { get; private set; }

    /// <summary>Set when the answer being written is the last one (a failed authentication): the connection then closes.</summary>
    public string? CloseReason { get; set; }

    /// <summary>The authenticated user (for log lines).</summary>
    public string? User => Authenticated ? Exchange?.User : null;

    public void Begin(ScramMechanism mechanism, bool rawTokens)
    {
        Exchange = new ScramServerExchange(mechanism, user => security.Find(mechanism, user));
        ExpectsRawTokens = rawTokens;
    }

    /// <summary>Runs one step of the exchange; marks the session authenticated when the client's proof checked out.</summary>
    public byte[] Step(ReadOnlySpan<byte> token)
    {
        var answer = Exchange!.Respond(token);
        if (Exchange.Complete)
        {
            Authenticated = true;
            ExpectsRawTokens = false;
        }
        return answer;
    }
}
