using FraudDetection.Stack;

namespace FraudDetection.Tests.Stack;

public sealed class ProcessResultTests
{
    [Theory]
    [InlineData("", "\nAn error occurred (AccessDenied)\n", "An error occurred (AccessDenied)")]
    [InlineData("  Restore complete\n/kit/App.csproj : error NETSDK1013: bad framework\n    1 Error(s)\n", "", "/kit/App.csproj : error NETSDK1013: bad framework")]
    [InlineData("last words\n\n", "", "last words")]
    [InlineData("", "", "exit code 7")]
    public void A_failure_summary_is_the_most_telling_line(string output, string error, string expected)
    {
        Assert.Equal(expected, new ProcessResult(7, output, error).ErrorSummary);
    }
}
