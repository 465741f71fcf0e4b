namespace FraudDetection.Stack;

/// <summary>
/// <c>fraudlab stack deploy</c> and <c>delete</c> as command sequences. Deploy takes two passes because the
/// processor needs two things only the first pass creates: its image repository (the image is published
/// in between) and the cluster's bootstrap brokers (MSK exposes them only through <c>get-bootstrap-brokers</c>).
/// Both go into the second pass as parameters, so the processor's configuration comes from the stack.
/// A dry run uses a <see cref="ScriptSession"/> and no watcher.
/// </summary>
public sealed class StackDeployer(ICommandSession session, StackEventWatcher? watcher)
{
    public const string DeployFailed = "CloudFormation could not deploy the stack: see the failed events above, or 'fraudlab stack status'";

    public async Task DeployAsync(StackDeployment deployment, CancellationToken cancellationToken)
    {
        var stack = deployment.Stack;
        await CheckCredentialsAsync(stack, cancellationToken);

        session.Note("pass 1: network, MSK, audit table, alerts, image repository, workshop host (MSK takes 20-40 minutes)");
        var parameters = deployment.Parameters.Select(p => new KeyValuePair<string, CommandText>(p.Key, p.Value)).ToList();
        await DeployPassAsync(deployment, parameters, cancellationToken);

        var clusterArn = await session.CaptureAsync("KAFKA_CLUSTER_ARN", AwsCli.StackOutput(stack, StackOutputNames.KafkaClusterArn), cancellationToken);
        var brokers = await session.CaptureAsync("KAFKA_BOOTSTRAP_SERVERS", AwsCli.BootstrapBrokers(stack, clusterArn), cancellationToken);
        var registry = await session.CaptureAsync("PROCESSOR_IMAGE_REGISTRY", AwsCli.StackOutput(stack, StackOutputNames.ProcessorImageRegistry), cancellationToken);
        var repository = await session.CaptureAsync("PROCESSOR_REPOSITORY_NAME", AwsCli.StackOutput(stack, StackOutputNames.ProcessorRepositoryName), cancellationToken);
        var password = await session.CaptureAsync("ECR_PASSWORD", AwsCli.EcrLoginPassword(stack), cancellationToken);

        session.Note($"publish the processor image {deployment.ImageTag} with the .NET SDK (no Docker needed)");
        await session.RunAsync(ProcessorImage.Publish(deployment.ProcessorProject, registry, repository, deployment.ImageTag, password), cancellationToken);

        session.Note("pass 2: start the processor with its image and the brokers");
        parameters.RemoveAll(p => p.Key is StackParameterNames.ProcessorImageTag or StackParameterNames.KafkaBootstrapServers);
        parameters.Add(new(StackParameterNames.ProcessorImageTag, deployment.ImageTag));
        parameters.Add(new(StackParameterNames.KafkaBootstrapServers, brokers));
        await DeployPassAsync(deployment, parameters, cancellationToken);
    }

    public async Task DeleteAsync(StackTarget stack, CancellationToken cancellationToken)
    {
        await CheckCredentialsAsync(stack, cancellationToken);
        if (watcher is not null)
        {
            await watcher.BaselineAsync(cancellationToken);
        }

        await session.RunAsync(AwsCli.DeleteStack(stack), cancellationToken);
        await session.RunAsync(AwsCli.WaitStackDeleted(stack), cancellationToken, watcher is null ? null : watcher.WatchAsync);
    }

    private Task CheckCredentialsAsync(StackTarget stack, CancellationToken cancellationToken) =>
        session.RunAsync(AwsCli.CallerIdentity(stack), cancellationToken, failureHint: MissingProgram.NoCredentials);

    private async Task DeployPassAsync(StackDeployment deployment, IEnumerable<KeyValuePair<string, CommandText>> parameters, CancellationToken cancellationToken)
    {
        if (watcher is not null)
        {
            await watcher.BaselineAsync(cancellationToken);
        }

        await session.RunAsync(
            AwsCli.Deploy(deployment.Stack, deployment.TemplateFile, parameters),
            cancellationToken,
            watcher is null ? null : watcher.WatchAsync,
            DeployFailed);
    }
}
