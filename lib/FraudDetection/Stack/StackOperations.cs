using FraudDetection.Configuration;

namespace FraudDetection.Stack;

/// <summary>
/// The stack verbs in one place for the CLI and the notebooks (01 deploys in aws mode, 99 deletes):
/// each verb runs through the AWS CLI, or returns the exact bash script it would run (dry run).
/// <code>
/// var stack = StackOperations.From(KitConfiguration.Load(KitMode.Aws));
/// await stack.DeleteAsync(commandLog, events, ct);   // deletes the stack and forgets its saved outputs
/// </code>
/// </summary>
public sealed class StackOperations
{
    /// <summary>How often stack events are polled while CloudFormation works.</summary>
    public static readonly TimeSpan EventPollInterval = TimeSpan.FromSeconds(5);

    private readonly IProcessRunner runner;
    private readonly TimeProvider time;

    public StackOperations(StackOptions options, KitPaths paths, IProcessRunner runner, TimeProvider time, Func<string, string?> environment)
    {
        KitConfiguration.Validate(options, StackOptions.Section);
        Options = options;
        Paths = paths;
        this.runner = runner;
        this.time = time;
        Target = new StackTarget(options.Name, StackRegions.EnsureSupported(options.ResolveRegion(environment)));
    }

    public StackOptions Options { get; }

    public KitPaths Paths { get; }

    public StackTarget Target { get; }

    private AwsCliRunner Aws => new(runner);

    private StackInspector Inspector => new(Aws, Target);

    /// <summary>The stack named by the configuration's <c>Stack</c> section, run through the real AWS CLI.</summary>
    public static StackOperations From(KitConfiguration configuration) => new(
        configuration.Get<StackOptions>(StackOptions.Section), configuration.Paths, new SystemProcessRunner(), TimeProvider.System, Environment.GetEnvironmentVariable);

    /// <summary>A deployment with <paramref name="parameters"/> (template parameter name → value) and an image tag (default: now, UTC).</summary>
    public StackDeployment Deployment(IReadOnlyList<KeyValuePair<string, string>> parameters, string? imageTag = null)
    {
        var deployment = StackDeployment.Create(Options, Target, Paths, time, parameters);
        return imageTag is null ? deployment : deployment with { ImageTag = imageTag };
    }

    public async Task<string> DeployScriptAsync(StackDeployment deployment, CancellationToken cancellationToken)
    {
        var script = new ScriptSession();
        await new StackDeployer(script, watcher: null).DeployAsync(deployment, cancellationToken);
        script.Note($"then save the outputs as {Paths.AwsOutputsFile} (fraudlab stack outputs):");
        await script.RunAsync(AwsCli.DescribeStack(Target), cancellationToken);
        return script.Script;
    }

    /// <summary>Deploys, then saves the outputs as the aws-mode configuration, which it returns.</summary>
    public async Task<AwsModeConfiguration> DeployAsync(StackDeployment deployment, IProgress<string> commands, IProgress<StackEvent> events, CancellationToken cancellationToken)
    {
        await new StackDeployer(new ExecutingSession(runner, commands), Watcher(events)).DeployAsync(deployment, cancellationToken);
        return await SaveOutputsAsync(cancellationToken);
    }

    public IReadOnlyList<CliCommand> StatusCommands => Inspector.StatusCommands;

    public Task<(StackDescription Stack, IReadOnlyList<StackEvent> RecentEvents)> StatusAsync(CancellationToken cancellationToken) =>
        Inspector.StatusAsync(cancellationToken);

    public IReadOnlyList<CliCommand> OutputsCommands => Inspector.OutputsCommands;

    /// <summary>Reads the outputs and writes <see cref="KitPaths.AwsOutputsFile"/>.</summary>
    public async Task<AwsModeConfiguration> SaveOutputsAsync(CancellationToken cancellationToken)
    {
        var configuration = await Inspector.OutputsAsync(cancellationToken);
        await configuration.SaveAsync(Paths, cancellationToken);
        return configuration;
    }

    public async Task<string> DeleteScriptAsync(CancellationToken cancellationToken)
    {
        var script = new ScriptSession();
        await new StackDeployer(script, watcher: null).DeleteAsync(Target, cancellationToken);
        script.Note($"then removes {Paths.AwsOutputsFile} if it describes this stack");
        return script.Script;
    }

    /// <summary>Deletes the stack, waits until it is gone, and removes its saved outputs; true when a saved file was removed.</summary>
    public async Task<bool> DeleteAsync(IProgress<string> commands, IProgress<StackEvent> events, CancellationToken cancellationToken)
    {
        await new StackDeployer(new ExecutingSession(runner, commands), Watcher(events)).DeleteAsync(Target, cancellationToken);
        return AwsModeConfiguration.Forget(Paths, Target);
    }

    private StackEventWatcher Watcher(IProgress<StackEvent> events) => new(Aws, Target, events, time, EventPollInterval);
}
