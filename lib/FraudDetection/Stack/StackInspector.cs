namespace FraudDetection.Stack;

/// <summary><c>fraudlab stack status</c> and <c>outputs</c>: reads the stack through the AWS CLI.</summary>
public sealed class StackInspector(AwsCliRunner aws, StackTarget stack)
{
    public const int RecentEventCount = 10;

    /// <summary>The commands <see cref="StatusAsync"/> runs, for a dry run.</summary>
    public IReadOnlyList<CliCommand> StatusCommands => [AwsCli.CallerIdentity(stack), AwsCli.DescribeStack(stack), AwsCli.DescribeStackEvents(stack, RecentEventCount)];

    /// <summary>The commands <see cref="OutputsAsync"/> runs, for a dry run (the last only while the brokers output is empty).</summary>
    public IReadOnlyList<CliCommand> OutputsCommands =>
    [
        AwsCli.CallerIdentity(stack),
        AwsCli.DescribeStack(stack),
        AwsCli.BootstrapBrokers(stack, CommandText.Variable("KAFKA_CLUSTER_ARN")),
    ];

    public async Task<(StackDescription Stack, IReadOnlyList<StackEvent> RecentEvents)> StatusAsync(CancellationToken cancellationToken)
    {
        await aws.EnsureCredentialsAsync(stack, cancellationToken);
        var description = await DescribeAsync(cancellationToken);
        var events = StackEvent.ParseAll(await aws.RunAsync(AwsCli.DescribeStackEvents(stack, RecentEventCount), cancellationToken));
        return (description, events);
    }

    /// <summary>The deployed stack's outputs as the aws-mode configuration; the stack must have finished deploying.</summary>
    public async Task<AwsModeConfiguration> OutputsAsync(CancellationToken cancellationToken)
    {
        await aws.EnsureCredentialsAsync(stack, cancellationToken);
        var description = await DescribeAsync(cancellationToken);
        if (!description.IsUsable)
        {
            throw new StackException($"stack '{stack.Name}' is {description.StackStatus}{(description.StackStatusReason is { } why ? $" ({why})" : "")}: see 'fraudlab stack status'");
        }

        // Before the second deploy pass the brokers output is empty; MSK can still tell us.
        var brokers = description.OptionalOutput(StackOutputNames.KafkaBootstrapBrokers)
            ?? (await aws.RunAsync(AwsCli.BootstrapBrokers(stack, description.Output(StackOutputNames.KafkaClusterArn)), cancellationToken)).Trim();
        return AwsModeConfiguration.From(description, stack, brokers);
    }

    public async Task<StackDescription> DescribeAsync(CancellationToken cancellationToken)
    {
        var command = AwsCli.DescribeStack(stack);
        var result = await aws.ExecuteAsync(command, cancellationToken);
        if (result.Succeeded)
        {
            return StackDescription.Parse(result.StandardOutput);
        }

        // CloudFormation answers a missing stack with a ValidationError "Stack with id … does not exist".
        throw result.StandardError.Contains("does not exist", StringComparison.Ordinal)
            ? new StackException($"stack '{stack.Name}' was not found in {stack.Region}: deploy it with 'fraudlab stack deploy', or pass --stack-name/--region")
            : CommandFailure.From(command, result);
    }
}
