using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Configuration;

/// <summary>Topic names and shapes. Section <c>Topics</c>. Defaults follow the original AWS workshop's README.</summary>
public sealed class TopicsOptions
{
    public const string Section = "Topics";

    [Required(AllowEmptyStrings = false)]
    public string Transactions { get; set; } = "Demo_transactions";

    [Required(AllowEmptyStrings = false)]
    public string FlaggedAccounts { get; set; } = "Flagged_accounts";

    [Required(AllowEmptyStrings = false)]
    public string Processed { get; set; } = "Processed_topic";

    /// <summary>Dynamic rules (JSON) read by the processor without restart.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Rules { get; set; } = "Fraud_rules";

    /// <summary>Rejected rules, with the reason.</summary>
    [Required(AllowEmptyStrings = false)]
    public string RuleErrors { get; set; } = "Rule_errors";

    /// <summary>Malformed or schema-invalid input, with the reason, original bytes and source position.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DeadLetter { get; set; } = "Dead_letters";

    /// <summary>Block verdicts, for alerting.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Alerts { get; set; } = "Fraud_alerts";

    [Range(1, 1024)]
    public int Partitions { get; set; } = 4;

    [Range(1, 3)]
    public short ReplicationFactor { get; set; } = 1;

    /// <summary>Every topic the kit creates, in a stable order.</summary>
    public IReadOnlyList<string> All => [Transactions, FlaggedAccounts, Processed, Rules, RuleErrors, DeadLetter, Alerts];

    /// <summary>The three topics of the original workshop.</summary>
    public IReadOnlyList<string> Workshop => [Transactions, FlaggedAccounts, Processed];
}
