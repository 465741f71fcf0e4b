using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Stack;

/// <summary>Which CloudFormation stack the kit deploys and reads. Section <c>Stack</c>; the CLI's options override it.</summary>
public sealed class StackOptions
{
    public const string Section = "Stack";
    public const string DefaultName = "fraudlab-workshop";
    public const string DefaultRegion = "us-east-1";

    /// <summary>
    /// Stricter than CloudFormation's own rule: the template derives resource names from the stack name, and the
    /// ECR repository (<c>NAME-processor</c>) takes lower case only, the MSK cluster and the Pipe at most 64 characters
    /// (<c>NAME-block-alerts</c>): a lower-case letter, then lower-case letters, digits and hyphens, at most 51.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[a-z][a-z0-9-]{0,50}$", ErrorMessage = "Stack:Name (--stack-name) must start with a lower-case letter and hold only lower-case letters, digits and hyphens, at most 51 (the ECR repository name takes no capitals).")]
    public string Name { get; set; } = DefaultName;

    /// <summary>Empty: AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1.</summary>
    [RegularExpression("^$|^[a-z]{2}(-[a-z]+)+-[0-9]$", ErrorMessage = "Stack:Region must look like us-east-1.")]
    public string? Region { get; set; }

    /// <summary>The template, relative to the kit's root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string TemplateFile { get; set; } = "cfn/fraud-detection-stack.yaml";

    /// <summary>The project the processor image is published from, relative to the kit's root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ProcessorProject { get; set; } = "lib/FraudLab.Cli/FraudLab.Cli.csproj";

    /// <summary>The region to use, following the AWS CLI's own order of environment variables.</summary>
    public string ResolveRegion(Func<string, string?> environment) =>
        new[] { Region, environment("AWS_REGION"), environment("AWS_DEFAULT_REGION") }.FirstOrDefault(r => !string.IsNullOrWhiteSpace(r))
        ?? DefaultRegion;
}
