using FraudDetection.Generation;

namespace FraudDetection.Tests.Generation;

public sealed class FlagGeneratorTests
{
    [Fact]
    public void Flags_the_accounts_the_transaction_generator_labels()
    {
        var options = new GeneratorOptions { Seed = 5, Accounts = 30, FlaggedAccounts = 4, StartTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var transactions = new TransactionGenerator(options);

        var flags = new FlagGenerator(options).Generate().ToList();

        Assert.Equal(transactions.FlaggedAccounts, flags.Select(f => f.AccountId));
        Assert.All(flags, f => Assert.Equal(transactions.FlagDate, f.FlagDate));
        Assert.All(flags, f => Assert.False(string.IsNullOrEmpty(f.Reason)));
        Assert.Equal(4, flags.Count);
        var labelled = transactions.Generate().Take(2000).Where(g => g.Label.Scenario == FraudScenario.FlaggedAccount).Select(g => g.Transaction.AccountId).ToHashSet();
        Assert.Subset(flags.Select(f => f.AccountId).ToHashSet(), labelled);
    }

    [Fact]
    public void Cannot_flag_more_accounts_than_the_pool_holds()
    {
        var options = new GeneratorOptions { Accounts = 3, FlaggedAccounts = 10, StartTime = DateTimeOffset.UnixEpoch };

        Assert.Equal(3, new FlagGenerator(options).Generate().Count());
    }
}
