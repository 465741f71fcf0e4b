using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Configuration;

/// <summary>How to reach Kafka. Section <c>Kafka</c>.</summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    /// <summary>Comma-separated host:port list. Local default is the kit's broker on 127.0.0.1:9092.</summary>
    [Required(AllowEmptyStrings = false)]
    public string BootstrapServers { get; set; } = "127.0.0.1:9092";

    /// <summary>plaintext (local) or sasl_ssl (MSK with SASL/SCRAM).</summary>
    [RegularExpression("^(?i)(plaintext|ssl|sasl_plaintext|sasl_ssl)$", ErrorMessage = "Kafka:SecurityProtocol must be plaintext, ssl, sasl_plaintext or sasl_ssl.")]
    public string SecurityProtocol { get; set; } = "plaintext";

    /// <summary>SCRAM-SHA-512 on MSK; empty when no SASL.</summary>
    public string? SaslMechanism { get; set; }

    public string? SaslUsername { get; set; }

    public string? SaslPassword { get; set; }

    /// <summary>
    /// aws mode: the Secrets Manager secret holding the SCRAM username and password (the stack's
    /// <c>KafkaSecretArn</c> output). When set and <see cref="SaslPassword"/> is empty, <c>KafkaClientFactory</c>
    /// reads it at run time (<c>KafkaSecretResolver</c>), so the password never lands in a file.
    /// </summary>
    public string? SaslSecretArn { get; set; }

    /// <summary>Prefix of every client.id the kit sets, so a broker log names who connected.</summary>
    public string ClientIdPrefix { get; set; } = "fraudlab";

    /// <summary>Extra librdkafka properties passed through unchanged (e.g. <c>"linger.ms": "5"</c>).</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.Ordinal);
}
