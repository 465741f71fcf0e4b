using FraudDetection.Model;

namespace FraudDetection.Detection.Verdicts;

/// <summary>Turns the summed weights of the matched rules into approve / review / block.</summary>
public sealed class VerdictPolicy(VerdictOptions options)
{
    public Verdict VerdictFor(int score) =>
        score >= options.BlockScore ? Verdict.Block
        : score >= options.ReviewScore ? Verdict.Review
        : Verdict.Approve;
}
