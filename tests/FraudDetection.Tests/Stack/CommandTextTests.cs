using FraudDetection.Stack;

namespace FraudDetection.Tests.Stack;

public sealed class CommandTextTests
{
    [Theory]
    [InlineData("cloudformation", "cloudformation")]
    [InlineData("/work/kit/cfn/fraud-detection-stack.yaml", "/work/kit/cfn/fraud-detection-stack.yaml")]
    [InlineData("Stacks[0].Outputs[?OutputKey=='X'].OutputValue | [0]", "\"Stacks[0].Outputs[?OutputKey=='X'].OutputValue | [0]\"")]
    [InlineData("it's $HOME", "'it'\\''s $HOME'")]
    [InlineData("", "\"\"")]
    public void Literal_text_is_quoted_only_when_bash_needs_it(string text, string shell)
    {
        Assert.Equal(shell, ((CommandText)text).ToShell());
    }

    [Fact]
    public void A_captured_value_renders_as_a_variable_and_resolves_to_its_value()
    {
        var word = (CommandText)"KafkaBootstrapServers=" + CommandText.Variable("KAFKA_BOOTSTRAP_SERVERS");

        Assert.Equal("KafkaBootstrapServers=\"$KAFKA_BOOTSTRAP_SERVERS\"", word.ToShell());
        Assert.Equal("KafkaBootstrapServers=b-1:9096,b-2:9096", word.Resolve(new Dictionary<string, string> { ["KAFKA_BOOTSTRAP_SERVERS"] = "b-1:9096,b-2:9096" }));
    }

    [Fact]
    public void Resolving_before_the_value_was_captured_is_an_error()
    {
        Assert.Throws<InvalidOperationException>(() => CommandText.Variable("ECR_PASSWORD").Resolve(new Dictionary<string, string>()));
    }

    [Fact]
    public void A_variable_name_must_be_a_shell_name()
    {
        Assert.Throws<ArgumentException>(() => CommandText.Variable("not-a-name"));
    }

    [Fact]
    public void A_command_renders_its_environment_before_the_program()
    {
        var command = new CliCommand("dotnet", "publish").WithEnvironment("DOTNET_CONTAINER_REGISTRY_PWORD", CommandText.Variable("ECR_PASSWORD"));

        Assert.Equal("DOTNET_CONTAINER_REGISTRY_PWORD=\"$ECR_PASSWORD\" dotnet publish", command.ToShell());
        var request = command.Resolve(new Dictionary<string, string> { ["ECR_PASSWORD"] = "s3cret" });
        Assert.Equal("s3cret", request.Environment["DOTNET_CONTAINER_REGISTRY_PWORD"]);
        Assert.Equal(["publish"], request.Arguments);
    }
}
