using System.CommandLine;
using FraudDetection.Configuration;
using FraudDetection.Stack;
using Spectre.Console;

namespace FraudLab.Cli.Commands;

/// <summary>
/// <c>fraudlab stack deploy|status|outputs|delete [--dry-run]</c>: the AWS workshop stack (cfn/fraud-detection-stack.yaml)
/// through the AWS CLI. The work is done by <see cref="StackOperations"/>; this file parses options and prints.
/// </summary>
internal static class StackCommand
{
    private static readonly Option<string?> StackName = new("--stack-name") { Description = $"CloudFormation stack name (default {StackOptions.DefaultName}, or Stack:Name)." };
    private static readonly Option<string?> Region = new("--region") { Description = $"AWS region (default: Stack:Region, AWS_REGION, AWS_DEFAULT_REGION, then {StackOptions.DefaultRegion})." };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Print the exact commands (a bash script) instead of running them." };
    private static readonly Option<string?> AlertEmail = new("--alert-email") { Description = "E-mail address subscribed to block-verdict alerts (AWS sends a confirmation)." };
    private static readonly Option<string[]> Parameters = new("--parameter")
    {
        Description = "Template parameter as Key=Value (repeatable), e.g. --parameter ProcessorCount=2.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string?> ImageTag = new("--image-tag") { Description = "Tag of the processor image to publish (default: UTC time, yyyyMMdd-HHmmss)." };

    public static Command Create()
    {
        var command = new Command("stack", "The AWS workshop stack (MSK, ECS processor, DynamoDB, SNS, workshop host) through the AWS CLI.");
        command.Subcommands.Add(CreateDeploy());
        command.Subcommands.Add(CreateStatus());
        command.Subcommands.Add(CreateOutputs());
        command.Subcommands.Add(CreateDelete());
        return command;
    }

    private static Command CreateDeploy()
    {
        var deploy = new Command("deploy", "Create or update the stack (two passes around publishing the processor image), then save its outputs.")
        {
            StackName, Region, AlertEmail, Parameters, ImageTag, DryRun,
        };
        deploy.SetAction((parse, ct) => Guard(async () =>
        {
            var stack = Operations(parse);
            var deployment = stack.Deployment(DeployParameters(parse), parse.GetValue(ImageTag));
            if (parse.GetValue(DryRun))
            {
                Console.Out.Write(await stack.DeployScriptAsync(deployment, ct));
                return 0;
            }

            var configuration = await stack.DeployAsync(deployment, CommandLog, EventLog, ct);
            PrintOutputs(stack, configuration);
            return 0;
        }));
        return deploy;
    }

    private static Command CreateStatus()
    {
        var status = new Command("status", "Show the stack's status, key outputs and recent events. Exit 1 when it failed or rolled back.") { StackName, Region, DryRun };
        status.SetAction((parse, ct) => Guard(async () =>
        {
            var stack = Operations(parse);
            if (parse.GetValue(DryRun))
            {
                return PrintCommands(stack.StatusCommands);
            }

            var (description, events) = await stack.StatusAsync(ct);
            PrintStatus(description, events);
            return description.IsUsable || description.IsInProgress
                ? 0
                : CommandRunner.Fail($"stack '{description.StackName}' is {description.StackStatus}{(description.StackStatusReason is { } why ? $": {why}" : "")}");
        }));
        return status;
    }

    private static Command CreateOutputs()
    {
        var outputs = new Command("outputs", "Save the stack's outputs as the aws-mode configuration (.fraudlab/aws/stack-outputs.json); no secret is written.")
        {
            StackName, Region, DryRun,
        };
        outputs.SetAction((parse, ct) => Guard(async () =>
        {
            var stack = Operations(parse);
            if (parse.GetValue(DryRun))
            {
                PrintCommands(stack.OutputsCommands);
                Console.Out.WriteLine($"# the last command only while the KafkaBootstrapBrokers output is empty; then writes {stack.Paths.AwsOutputsFile}");
                return 0;
            }

            PrintOutputs(stack, await stack.SaveOutputsAsync(ct));
            return 0;
        }));
        return outputs;
    }

    private static Command CreateDelete()
    {
        var delete = new Command("delete", "Delete the stack and everything in it (cluster, table, images, logs, host) and wait until it is gone.") { StackName, Region, DryRun };
        delete.SetAction((parse, ct) => Guard(async () =>
        {
            var stack = Operations(parse);
            if (parse.GetValue(DryRun))
            {
                Console.Out.Write(await stack.DeleteScriptAsync(ct));
                return 0;
            }

            var forgotten = await stack.DeleteAsync(CommandLog, EventLog, ct);
            CommandRunner.Out.MarkupLineInterpolated($"[green]deleted[/] stack {stack.Target.Name} in {stack.Target.Region}{(forgotten ? $"; removed {stack.Paths.AwsOutputsFile}" : "")}");
            return 0;
        }));
        return delete;
    }

    private static void PrintOutputs(StackOperations stack, AwsModeConfiguration configuration)
    {
        var document = configuration.Document;
        var table = new Table().AddColumn("setting").AddColumn("value");
        table.AddRow("Kafka bootstrap", Markup.Escape(document["Kafka"]!["BootstrapServers"]!.GetValue<string>()));
        table.AddRow("Kafka secret (read at run time)", Markup.Escape(document["Kafka"]!["SaslSecretArn"]!.GetValue<string>()));
        table.AddRow("Audit table", Markup.Escape(document["AuditTable"]!["TableName"]!.GetValue<string>()));
        table.AddRow("Processor service", Markup.Escape(document["Stack"]!["ProcessorService"]!.GetValue<string>()));
        table.AddRow("Alert topic", Markup.Escape(document["Stack"]!["AlertTopicArn"]!.GetValue<string>()));
        table.AddRow("kafdrop tunnel", Markup.Escape(document["Stack"]!["KafdropTunnelCommand"]!.GetValue<string>()));
        CommandRunner.Out.Write(table);
        CommandRunner.Out.MarkupLineInterpolated($"[green]saved[/] {stack.Paths.AwsOutputsFile} (read in aws mode; notebooks: -p mode=aws)");
    }

    private static void PrintStatus(StackDescription stack, IReadOnlyList<StackEvent> events)
    {
        var colour = stack.IsUsable ? "green" : stack.IsInProgress ? "yellow" : "red";
        CommandRunner.Out.MarkupLineInterpolated($"stack [bold]{stack.StackName}[/]: [{colour}]{stack.StackStatus}[/]{(stack.StackStatusReason is { } why ? $" ({why})" : "")}");
        CommandRunner.Out.MarkupLineInterpolated($"created {stack.CreationTime:u}{(stack.LastUpdatedTime is { } updated ? $", updated {updated:u}" : "")}");
        var outputs = new Table().AddColumn("output").AddColumn("value");
        foreach (var key in new[] { StackOutputNames.ProcessorServiceName, StackOutputNames.AuditTableName, StackOutputNames.AlertTopicArn, StackOutputNames.KafdropTunnelCommand, StackOutputNames.StackConsoleUrl })
        {
            if (stack.OptionalOutput(key) is { } value)
            {
                outputs.AddRow(Markup.Escape(key), Markup.Escape(value));
            }
        }

        CommandRunner.Out.Write(outputs);
        CommandRunner.Out.MarkupLine("recent events:");
        foreach (var stackEvent in events)
        {
            PrintEvent(stackEvent);
        }
    }

    private static void PrintEvent(StackEvent stackEvent)
    {
        var colour = stackEvent.IsFailure ? "red" : stackEvent.ResourceStatus.EndsWith("_COMPLETE", StringComparison.Ordinal) ? "green" : "default";
        CommandRunner.Out.MarkupLine($"[{colour}]{Markup.Escape(stackEvent.ToString())}[/]");
    }

    private static int PrintCommands(IEnumerable<CliCommand> commands)
    {
        foreach (var command in commands)
        {
            Console.Out.WriteLine(command.ToShell());
        }

        return 0;
    }

    private static List<KeyValuePair<string, string>> DeployParameters(ParseResult parse)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        if (parse.GetValue(AlertEmail) is { Length: > 0 } email)
        {
            parameters.Add(new(StackParameterNames.AlertEmail, email));
        }

        foreach (var pair in parse.GetValue(Parameters) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"--parameter '{pair}' must be Key=Value");
            }

            parameters.Add(new(pair[..equals], pair[(equals + 1)..]));
        }

        return parameters;
    }

    /// <summary>A stack failure is one line on stderr and exit code 1.</summary>
    private static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is StackException or CliException or KitConfigurationException)
        {
            return CommandRunner.Fail(ex.Message);
        }
        catch (InvalidDataException ex)
        {
            // A configuration file that is not JSON, most likely a hand-edited stack-outputs.json.
            return CommandRunner.Fail($"{ex.Message} {ex.InnerException?.Message} Fix or delete it; 'fraudlab stack outputs' writes it again.");
        }
    }

    /// <summary>The stack named by --stack-name/--region over the configuration's <c>Stack</c> section (saved outputs included).</summary>
    private static StackOperations Operations(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(StackName) is { } name)
        {
            overrides[$"{StackOptions.Section}:{nameof(StackOptions.Name)}"] = name;
        }

        if (parse.GetValue(Region) is { } region)
        {
            overrides[$"{StackOptions.Section}:{nameof(StackOptions.Region)}"] = region;
        }

        return StackOperations.From(KitConfiguration.Load(KitMode.Aws, overrides));
    }

    /// <summary>Commands as a shell prompt would show them; the session's notes (<c># …</c>) as they are.</summary>
    private static readonly IProgress<string> CommandLog = new Reporter<string>(line =>
        CommandRunner.Out.MarkupLineInterpolated($"[grey]{(line.StartsWith('#') ? line : $"$ {line}")}[/]"));

    private static readonly IProgress<StackEvent> EventLog = new Reporter<StackEvent>(PrintEvent);

    /// <summary>Prints each report at once, in order (Progress&lt;T&gt; would post it to the thread pool).</summary>
    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
