namespace FraudDetection.Stack;

/// <summary>The one line shown when a program the stack helper needs is not installed.</summary>
public static class MissingProgram
{
    public const string AwsCliInstallUrl = "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html";

    public static string Message(string program) => program switch
    {
        AwsCli.Program => $"the AWS CLI ('aws') is not installed or not on PATH: install AWS CLI v2 ({AwsCliInstallUrl}), then run 'aws configure' or 'aws sso login'",
        "dotnet" => "'dotnet' is not on PATH: install the .NET 10 SDK (./download.sh does) to publish the processor image",
        _ => $"'{program}' is not installed or not on PATH",
    };

    public const string NoCredentials =
        "no usable AWS credentials ('aws sts get-caller-identity' failed): run 'aws configure' or 'aws sso login', or set AWS_PROFILE";
}
