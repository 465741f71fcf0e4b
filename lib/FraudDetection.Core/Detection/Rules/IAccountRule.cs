using FraudDetection.Model;

namespace FraudDetection.Detection.Rules;

/// <summary>A built-in rule: looks at one transaction and its account's state, returns a reason when it matches.</summary>
internal interface IAccountRule
{
    string Id { get; }

    int Weight { get; }

    /// <summary>Needs the account's window; late events (outside it) skip such rules.</summary>
    bool IsWindowed { get; }

    Reason? Evaluate(in RuleInput input);
}
