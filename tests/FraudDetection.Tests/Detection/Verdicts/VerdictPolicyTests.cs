using FraudDetection.Detection.Verdicts;
using FraudDetection.Model;

namespace FraudDetection.Tests.Detection.Verdicts;

public sealed class VerdictPolicyTests
{
    [Theory]
    [InlineData(0, Verdict.Approve)]
    [InlineData(29, Verdict.Approve)]
    [InlineData(30, Verdict.Review)]
    [InlineData(79, Verdict.Review)]
    [InlineData(80, Verdict.Block)]
    [InlineData(500, Verdict.Block)]
    public void Score_thresholds_are_inclusive(int score, Verdict expected)
    {
        Assert.Equal(expected, new VerdictPolicy(new VerdictOptions()).VerdictFor(score));
    }
}
