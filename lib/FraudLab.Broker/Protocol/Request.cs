namespace FraudLab.Broker.Protocol;

/// <summary>One decoded request frame: its header, the body bytes after the header, and who sent it.</summary>
/// <param name="Body">Writable: produce rewrites batch offsets in place before storing them.</param>
internal sealed record Request(RequestHeader Header, Memory<byte> Body, string ClientHost)
{
    public short Version => Header.ApiVersion;

    /// <summary>The connection's SASL state; null on a listener without SASL.</summary>
    public Security.SaslSession? Sasl { get; init; }

    public KafkaReader Reader() => new(Body.Span);
}
