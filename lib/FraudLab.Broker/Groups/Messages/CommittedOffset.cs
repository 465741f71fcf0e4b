namespace FraudLab.Broker.Groups;

/// <summary>One committed offset of a group (OffsetFetch v2+ with a null topic list asks for all of them).</summary>
internal sealed record CommittedOffset(string Topic, int Partition, long Offset, string Metadata);
