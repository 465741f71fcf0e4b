namespace FraudLab.Broker.Protocol;

/// <summary>Kafka protocol error codes the broker answers with (numbers are the wire values).</summary>
internal static class ErrorCode
{
    public const short None = 0;
    public const short OffsetOutOfRange = 1;
    public const short CorruptMessage = 2;
    public const short UnknownTopicOrPartition = 3;
    public const short CoordinatorNotAvailable = 15;
    public const short InvalidGroupId = 24;
    public const short InvalidTopic = 17;
    public const short InvalidRequiredAcks = 21;
    public const short UnsupportedSaslMechanism = 33;
    public const short IllegalSaslState = 34;
    public const short UnsupportedVersion = 35;
    public const short TopicAlreadyExists = 36;
    public const short InvalidPartitions = 37;
    public const short InvalidReplicationFactor = 38;
    public const short InvalidConfig = 40;
    public const short InvalidRequest = 42;
    public const short UnsupportedForMessageFormat = 43;
    public const short OutOfOrderSequenceNumber = 45;
    public const short InvalidProducerEpoch = 47;
    public const short InvalidTxnState = 48;
    public const short InvalidProducerIdMapping = 49;
    public const short InvalidTransactionTimeout = 50;
    public const short ConcurrentTransactions = 51;
    public const short OperationNotAttempted = 55;
    public const short ProducerFenced = 90;
    public const short SaslAuthenticationFailed = 58;
    public const short InvalidRecord = 87;
}
