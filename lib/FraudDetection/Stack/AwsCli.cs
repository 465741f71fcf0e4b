namespace FraudDetection.Stack;

/// <summary>
/// Every AWS CLI call the stack helper makes, built in one place so a dry run prints exactly what a
/// real run executes. Each names its region and asks for JSON or a JMESPath-selected text value.
/// </summary>
public static class AwsCli
{
    public const string Program = "aws";

    /// <summary>Stack-level tags CloudFormation propagates to every taggable resource.</summary>
    public static IReadOnlyList<string> Tags(StackTarget stack) => ["project=fraudlab", $"stack={stack.Name}"];

    public static CliCommand CallerIdentity(StackTarget stack) =>
        new(Program, "sts", "get-caller-identity", "--region", stack.Region, "--output", "json");

    /// <summary><c>aws cloudformation deploy</c>: creates or updates, waits, and keeps unnamed parameters' previous values.</summary>
    public static CliCommand Deploy(StackTarget stack, string templateFile, IEnumerable<KeyValuePair<string, CommandText>> parameters)
    {
        var command = new CliCommand(
            Program, "cloudformation", "deploy", "--region", stack.Region, "--stack-name", stack.Name,
            "--template-file", templateFile, "--capabilities", "CAPABILITY_NAMED_IAM", "--no-fail-on-empty-changeset",
            "--tags").WithArguments(Tags(stack).Select(t => (CommandText)t));
        var overrides = parameters.Select(p => (CommandText)$"{p.Key}=" + p.Value).ToList();
        return overrides.Count == 0 ? command : command.WithArguments(["--parameter-overrides", .. overrides]);
    }

    public static CliCommand DescribeStack(StackTarget stack) =>
        new(Program, "cloudformation", "describe-stacks", "--region", stack.Region, "--stack-name", stack.Name, "--output", "json");

    /// <summary>The most recent events, newest first, as <c>describe-stack-events</c> prints them.</summary>
    public static CliCommand DescribeStackEvents(StackTarget stack, int maxItems) =>
        new(Program, "cloudformation", "describe-stack-events", "--region", stack.Region, "--stack-name", stack.Name,
            "--max-items", maxItems.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", "json");

    /// <summary>One output's value as plain text ("None" when the stack has no such output).</summary>
    public static CliCommand StackOutput(StackTarget stack, string outputKey) =>
        new(Program, "cloudformation", "describe-stacks", "--region", stack.Region, "--stack-name", stack.Name,
            "--query", $"Stacks[0].Outputs[?OutputKey=='{outputKey}'].OutputValue | [0]", "--output", "text");

    /// <summary>MSK has no CloudFormation attribute for its bootstrap brokers; this is how to read them.</summary>
    public static CliCommand BootstrapBrokers(StackTarget stack, CommandText clusterArn) =>
        new(Program, "kafka", "get-bootstrap-brokers", "--region", stack.Region, "--cluster-arn", clusterArn,
            "--query", "BootstrapBrokerStringSaslScram", "--output", "text");

    public static CliCommand EcrLoginPassword(StackTarget stack) => new(Program, "ecr", "get-login-password", "--region", stack.Region);

    public static CliCommand DeleteStack(StackTarget stack) =>
        new(Program, "cloudformation", "delete-stack", "--region", stack.Region, "--stack-name", stack.Name);

    public static CliCommand WaitStackDeleted(StackTarget stack) =>
        new(Program, "cloudformation", "wait", "stack-delete-complete", "--region", stack.Region, "--stack-name", stack.Name);

    /// <summary>The secret's JSON (<c>{"username":…,"password":…}</c>) as plain text.</summary>
    public static CliCommand SecretValue(string region, string secretArn) =>
        new(Program, "secretsmanager", "get-secret-value", "--region", region, "--secret-id", secretArn,
            "--query", "SecretString", "--output", "text");
}
