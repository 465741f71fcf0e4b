using FraudDetection.Detection;
using FraudDetection.Model;
using FraudDetection.Tests.Detection;

namespace FraudDetection.Tests.Model;

public sealed class ProcessedTransactionTests
{
    [Fact]
    public void Record_id_is_the_same_on_every_replay()
    {
        var transaction = Tx.At(42, 0, 20000m);
        var first = ProcessedTransaction.From(new DetectionEngine(new(), TimeProvider.System).Process(transaction));
        var second = ProcessedTransaction.From(new DetectionEngine(new(), TimeProvider.System).Process(transaction));

        Assert.Equal(first.RecordId, second.RecordId);
        Assert.Equal($"42-{transaction.TransactionId}", first.RecordId);
    }

    [Fact]
    public void Copies_every_transaction_field()
    {
        var transaction = Tx.At(42, 0, 3m, lat: 1, lon: 2, ip: "192.0.2.9") with { Email = "a@b.c", CardBin = "123456", Device = "d", City = "c", Country = "CC", Currency = "EUR", CreatedAt = Tx.T0 };
        var processed = ProcessedTransaction.From(new DetectionEngine(new(), TimeProvider.System).Process(transaction));

        Assert.Equal(transaction, new Transaction
        {
            AccountId = processed.AccountId, CustomerName = processed.CustomerName, MerchantType = processed.MerchantType,
            TransactionId = processed.TransactionId, TransactionType = processed.TransactionType, TransactionAmount = processed.TransactionAmount,
            TransactionDate = processed.TransactionDate, Currency = processed.Currency, Latitude = processed.Latitude, Longitude = processed.Longitude,
            City = processed.City, Country = processed.Country, IpAddress = processed.IpAddress, Device = processed.Device,
            CardBin = processed.CardBin, Email = processed.Email, CreatedAt = processed.CreatedAt,
        });
        Assert.Equal(Verdict.Approve, processed.Verdict);
        Assert.Empty(processed.Reasons);
    }
}
