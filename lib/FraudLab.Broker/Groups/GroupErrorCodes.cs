namespace FraudLab.Broker.Groups;

/// <summary>The Kafka protocol error codes the group coordinator answers with (values from the Kafka protocol guide).</summary>
internal static class GroupErrorCodes
{
    public const short None = 0;
    public const short OffsetMetadataTooLarge = 12;
    public const short CoordinatorNotAvailable = 15;
    public const short IllegalGeneration = 22;
    public const short InconsistentGroupProtocol = 23;
    public const short InvalidGroupId = 24;
    public const short UnknownMemberId = 25;
    public const short InvalidSessionTimeout = 26;
    public const short RebalanceInProgress = 27;
    public const short MemberIdRequired = 79;
    public const short FencedInstanceId = 82;
}
