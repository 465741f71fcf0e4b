using Microsoft.Extensions.Configuration;

namespace FraudDetection.Configuration;

/// <summary>
/// Builds the kit's configuration, lowest priority first:
/// <list type="number">
/// <item>the defaults in each options type;</item>
/// <item><c>assets/appsettings.json</c> of the kit, then <c>appsettings.json</c> in the current folder;</item>
/// <item>local mode: the discovery file <c>fraudlab local up</c> writes; aws mode: the stack outputs <c>fraudlab stack outputs</c> saves;</item>
/// <item>environment variables prefixed <c>FRAUDLAB_</c> (<c>FRAUDLAB_Kafka__BootstrapServers</c>);</item>
/// <item>explicit overrides (command-line options, notebook parameters).</item>
/// </list>
/// Only configuration differs between modes; every component reads its options from here.
/// </summary>
public sealed class KitConfiguration
{
    public const string ModeKey = "Mode";
    public const string EnvironmentPrefix = "FRAUDLAB_";

    private KitConfiguration(IConfiguration configuration, KitPaths paths, KitMode mode)
    {
        Configuration = configuration;
        Paths = paths;
        Mode = mode;
    }

    public IConfiguration Configuration { get; }

    public KitPaths Paths { get; }

    public KitMode Mode { get; }

    /// <summary>Loads configuration for <paramref name="mode"/> (default: the <c>Mode</c> key, else local).</summary>
    public static KitConfiguration Load(KitMode? mode = null, IReadOnlyDictionary<string, string?>? overrides = null, KitPaths? paths = null)
    {
        paths ??= KitPaths.Discover();

        // First pass: files and environment only, to learn the mode.
        var basic = Build(BaseBuilder(paths, overrides));
        var resolvedMode = mode ?? ParseMode(basic[ModeKey]);

        var builder = new ConfigurationBuilder();
        builder.AddJsonFile(paths.SettingsFile, optional: true, reloadOnChange: false);
        builder.AddJsonFile(Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        var stackFile = resolvedMode == KitMode.Local ? paths.LocalDiscoveryFile : paths.AwsOutputsFile;
        builder.AddJsonFile(stackFile, optional: true, reloadOnChange: false);
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        builder.AddInMemoryCollection(new Dictionary<string, string?> { [ModeKey] = resolvedMode.ToString().ToLowerInvariant() });
        return new KitConfiguration(Build(builder), paths, resolvedMode);
    }

    /// <summary>Wraps an existing configuration (tests, hosts that build their own).</summary>
    public static KitConfiguration From(IConfiguration configuration, KitPaths paths, KitMode mode = KitMode.Local) => new(configuration, paths, mode);

    /// <summary>Binds section <paramref name="section"/> to <typeparamref name="T"/> and validates it; throws <see cref="KitConfigurationException"/> with one readable line.</summary>
    public T Get<T>(string section)
        where T : class, new()
    {
        var options = new T();
        try
        {
            Configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new KitConfigurationException($"configuration section '{section}': {ex.Message}", ex);
        }

        Validate(options, section);
        return options;
    }

    public KafkaOptions Kafka => Get<KafkaOptions>(KafkaOptions.Section);

    public TopicsOptions Topics => Get<TopicsOptions>(TopicsOptions.Section);

    public DynamoDbOptions DynamoDb => Get<DynamoDbOptions>(DynamoDbOptions.Section);

    public AuditTableOptions AuditTable => Get<AuditTableOptions>(AuditTableOptions.Section);

    public LocalStackOptions LocalStack => Get<LocalStackOptions>(LocalStackOptions.Section);

    /// <summary>Checks data annotations and an optional <c>IValidatableObject</c>; the message names section and key.</summary>
    public static void Validate(object options, string section) => OptionsValidation.Validate(options, section);

    public static KitMode ParseMode(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "local" => KitMode.Local,
        "aws" => KitMode.Aws,
        _ => throw new KitConfigurationException($"invalid configuration: Mode must be 'local' or 'aws', not '{value}'"),
    };

    /// <summary>A malformed JSON file (settings, discovery file, stack outputs) becomes one line naming the file.</summary>
    private static IConfigurationRoot Build(IConfigurationBuilder builder)
    {
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException ex)
        {
            var detail = ex.InnerException is { } inner ? $": {inner.Message}" : "";
            throw new KitConfigurationException($"{ex.Message.TrimEnd('.')}{detail}", ex);
        }
    }

    private static ConfigurationBuilder BaseBuilder(KitPaths paths, IReadOnlyDictionary<string, string?>? overrides)
    {
        var builder = new ConfigurationBuilder();
        builder.AddJsonFile(paths.SettingsFile, optional: true, reloadOnChange: false);
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder;
    }
}
