using Amazon.DynamoDBv2;
using FraudDetection.Configuration;
using FraudDetection.Storage;

namespace FraudDetection.Tests.Storage;

/// <summary>A fresh audit table on a dynalite of its own, with the admin, writer and reader wired to it.</summary>
internal sealed class AuditTable : IAsyncDisposable
{
    private AuditTable(DynaliteServer dynalite, IAmazonDynamoDB client, AuditTableOptions options)
    {
        Dynalite = dynalite;
        Client = client;
        Options = options;
        Admin = new AuditTableAdmin(client, options);
        Writer = new AuditTableWriter(client, options);
        Reader = new AuditTableReader(client, options);
    }

    public DynaliteServer Dynalite { get; }

    public IAmazonDynamoDB Client { get; }

    public AuditTableOptions Options { get; }

    public AuditTableAdmin Admin { get; }

    public AuditTableWriter Writer { get; }

    public AuditTableReader Reader { get; }

    public static async Task<AuditTable> StartAsync(CancellationToken cancellationToken, bool durable = false)
    {
        var dynalite = await DynaliteServer.StartAsync(durable);
        var options = new AuditTableOptions();
        var client = DynamoDbClientFactory.Create(dynalite.Options, KitMode.Local);
        var table = new AuditTable(dynalite, client, options);
        await table.Admin.EnsureTableAsync(cancellationToken);
        return table;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Dynalite.DisposeAsync();
    }
}
