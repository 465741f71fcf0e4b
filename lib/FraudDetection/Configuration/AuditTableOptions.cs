using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Configuration;

/// <summary>The fraud audit table. Section <c>AuditTable</c>.</summary>
public sealed class AuditTableOptions
{
    public const string Section = "AuditTable";

    [Required(AllowEmptyStrings = false)]
    public string TableName { get; set; } = "fraud_audit_table";

    /// <summary>Attribute holding the epoch-seconds expiry (DynamoDB TTL).</summary>
    [Required(AllowEmptyStrings = false)]
    public string TtlAttribute { get; set; } = "Expires_At";

    [Range(1, 24 * 365)]
    public int TtlHours { get; set; } = 24;
}
