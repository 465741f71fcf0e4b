using FraudDetection.Detection.Windows;
using FraudDetection.Model;

namespace FraudDetection.Detection.Rules;

/// <summary>
/// What a rule sees: the transaction, its event time, its account's window with the transaction already inserted at
/// <see cref="Index"/> (-1 for a late event, which is not inserted) and the flag the join found.
/// </summary>
internal readonly ref struct RuleInput(Transaction transaction, long ticks, AccountState account, int index, long? flagTicks)
{
    public Transaction Transaction { get; } = transaction;

    public long Ticks { get; } = ticks;

    public AccountState Account { get; } = account;

    public int Index { get; } = index;

    public long? FlagTicks { get; } = flagTicks;

    public TransactionWindow Window => Account.Window;

    /// <summary>First window index inside <c>[Ticks - window, Ticks]</c>: both ends inclusive.</summary>
    public int WindowStart(TimeSpan window) => Window.FirstAtOrAfter(Ticks - window.Ticks);
}
