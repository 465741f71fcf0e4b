namespace FraudLab.Broker.Groups;

/// <summary>One protocol a joining member supports (e.g. "range", "cooperative-sticky"), with its opaque metadata.</summary>
internal sealed record GroupProtocol(string Name, byte[] Metadata);
