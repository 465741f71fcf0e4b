namespace FraudDetection.Detection.Windows;

/// <summary>One flag of an account: transactions with <c>Start ≤ time &lt; End</c> are flagged.</summary>
internal readonly record struct FlagPeriod(long StartTicks, long EndTicks)
{
    public bool Covers(long ticks) => ticks >= StartTicks && ticks < EndTicks;
}
