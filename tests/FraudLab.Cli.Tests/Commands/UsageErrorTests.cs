using FraudLab.Testing;

namespace FraudLab.Cli.Tests.Commands;

/// <summary>
/// Command lines the CLI cannot use, run as a real process: exit code 2 and exactly one stderr line naming every
/// problem of the line and where the help is, never the help itself and nothing on stdout.
/// </summary>
public sealed class UsageErrorTests
{
    private static async Task<string> UsageLineOf(params string[] arguments)
    {
        var result = await ProcessRunner.RunCliAsync(arguments, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        return Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task An_unknown_verb_is_named_with_the_verbs_there_are()
    {
        var line = await UsageLineOf("frobnicate");

        Assert.Equal(
            "fraudlab: error: unknown command 'frobnicate' (the commands: local, generate, process, audit, replay, notebooks, stack, bench, workshop) (see 'fraudlab --help')",
            line);
    }

    [Fact]
    public async Task Every_problem_of_the_line_is_listed_at_once()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.jsonl");

        var line = await UsageLineOf("replay", "--input", missing);

        Assert.Equal($"fraudlab: error: --input: file not found: {missing}; --output is required (see 'fraudlab replay --help')", line);
    }

    [Fact]
    public async Task A_negative_count_and_rate_are_refused_with_the_allowed_range()
    {
        var output = Path.Combine(Path.GetTempPath(), $"fraudlab-usage-{Guid.NewGuid():N}.jsonl");

        var line = await UsageLineOf("generate", "transactions", "--count", "-5", "--rate", "-3", "--output", output);

        Assert.Equal(
            "fraudlab: error: --count must be 0 or more, got -5; --rate must be 0 (as fast as possible) or more records per second, got -3 (see 'fraudlab generate transactions --help')",
            line);
        Assert.False(File.Exists(output), "nothing is generated from a refused command line");
    }

    [Theory]
    [InlineData("local up --kafka-port 70000", "--kafka-port must be a port from 1 to 65535, got 70000 (see 'fraudlab local up --help')")]
    [InlineData("local up --dynamodb-port 0", "--dynamodb-port must be a port from 1 to 65535, got 0 (see 'fraudlab local up --help')")]
    [InlineData("local kafka --port -1", "--port must be a port from 0 (any free port) to 65535, got -1 (see 'fraudlab local kafka --help')")]
    [InlineData("process --mode cloud", "Argument 'cloud' not recognized. Must be one of:")]
    [InlineData("generate transactions --count abc", "--count: 'abc' is not a whole number (see 'fraudlab generate transactions --help')")]
    [InlineData("generate flags --accounts 0", "--accounts must be 1 or more accounts, got 0 (see 'fraudlab generate flags --help')")]
    [InlineData("notebooks run --timeout 0", "--timeout must be a positive number of seconds, got 0; <notebook> is missing (see 'fraudlab notebooks run --help')")]
    [InlineData("replay --input a --output b --max-rejected -1", "--max-rejected must be 0 or more, got -1")]
    [InlineData("local up --bogus", "unknown option or argument '--bogus' (see 'fraudlab local up --help')")]
    [InlineData("local", "a command is needed: up, down, status, check, kafka (see 'fraudlab local --help')")]
    public async Task An_invalid_value_is_one_line_naming_the_option(string commandLine, string expected)
    {
        var line = await UsageLineOf(commandLine.Split(' '));

        Assert.StartsWith("fraudlab: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_is_still_help_even_when_required_options_are_missing()
    {
        var result = await ProcessRunner.RunCliAsync(["replay", "--help"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("--max-rejected", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }
}
