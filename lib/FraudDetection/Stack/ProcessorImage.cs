namespace FraudDetection.Stack;

/// <summary>
/// Publishes the processor image with the .NET SDK's container support: no Docker, no Dockerfile.
/// The SDK pushes to ECR with the credentials in DOTNET_CONTAINER_REGISTRY_UNAME/PWORD
/// (user "AWS", password from <c>aws ecr get-login-password</c>); the SDK offers them to the base image's
/// registry too, which MCR ignores since it serves anonymously. The image's entry point is <c>fraudlab</c>;
/// EnableSdkContainerSupport is set here because the CLI is a console project.
/// </summary>
public static class ProcessorImage
{
    /// <summary>Fargate tasks run X86_64 (see the template's RuntimePlatform).</summary>
    public const string RuntimeIdentifier = "linux-x64";

    public static CliCommand Publish(string project, CommandText registry, CommandText repository, string tag, CommandText registryPassword) =>
        new CliCommand("dotnet", "publish", project, "-c", "Release", "-r", RuntimeIdentifier, "/t:PublishContainer", "-p:EnableSdkContainerSupport=true",
                (CommandText)"-p:ContainerRegistry=" + registry,
                (CommandText)"-p:ContainerRepository=" + repository,
                $"-p:ContainerImageTag={tag}")
            .WithEnvironment("DOTNET_CONTAINER_REGISTRY_UNAME", "AWS")
            .WithEnvironment("DOTNET_CONTAINER_REGISTRY_PWORD", registryPassword);
}
