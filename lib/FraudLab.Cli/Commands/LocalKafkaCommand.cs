using System.CommandLine;
using System.Net.Sockets;
using FraudDetection.Configuration;
using FraudDetection.LocalStack;
using FraudLab.Broker;
using Microsoft.Extensions.Logging;

namespace FraudLab.Cli.Commands;

/// <summary>
/// <c>fraudlab local kafka</c>: the kit's broker in the foreground until Ctrl+C or SIGTERM (System.CommandLine turns
/// both into cancellation of the action's token). <c>local up</c> runs this verb as its background Kafka process.
/// </summary>
internal static class LocalKafkaCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one).", DefaultValueFactory = _ => 9092 }.Port(allowZero: true);
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder for the segment files and consumer offsets (default .fraudlab/local/kafka)." };
        var inMemory = new Option<bool>("--in-memory") { Description = "Keep everything in memory; nothing survives a restart." };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "Serve TLS with this certificate: PEM (with --tls-key unless it holds the key) or PKCS#12 (.pfx/.p12, no password)." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert." };
        var scramUsers = new Option<string?>("--scram-users")
        {
            Description = "Require SASL/SCRAM-SHA-512 or -256: JSON file with {\"username\": ..., \"password\": ...} or an array of them (secrets stay off the command line).",
        };
        var command = new Command("kafka", "Run the kit's Kafka broker in the foreground (what `local up` starts in the background).")
        {
            host, port, dataDir, inMemory, tlsCert, tlsKey, scramUsers,
        };
        command.SetAction(LocalCommand.OneLineErrors(async (parse, ct) =>
        {
            var options = new BrokerOptions
            {
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                InMemory = parse.GetValue(inMemory),
                DataDirectory = Path.GetFullPath(parse.GetValue(dataDir) ?? Path.Combine(KitPaths.Discover().LocalStateDirectory, "kafka")),
                TlsCertificateFile = parse.GetValue(tlsCert) is { } cert ? Path.GetFullPath(cert) : null,
                TlsKeyFile = parse.GetValue(tlsKey) is { } key ? Path.GetFullPath(key) : null,
            };
            if (parse.GetValue(scramUsers) is { } usersFile)
            {
                try { options.ScramUsers = [.. ScramUser.ReadFile(usersFile)]; }
                catch (InvalidDataException ex) { throw new CliException(ex.Message + " (--scram-users)"); }
            }
            if (options.Problems() is [_, ..] problems) throw new CliException("broker options are not usable: " + string.Join("; ", problems));
            using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            }));

            KafkaBroker broker;
            try
            {
                broker = await KafkaBroker.StartAsync(options, loggers, ct);
            }
            catch (ArgumentException ex) when (ex.ParamName == "options")
            {
                throw new CliException(ex.Message.Replace(" (Parameter 'options')", ""));
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                var owner = TcpPorts.DescribeOwner(options.Port) is { } who ? $" by {who}" : string.Empty;
                throw new CliException($"port {options.Port} on {options.Host} is taken{owner}: stop it or choose another with --port");
            }

            await using (broker)
            {
                try
                {
                    await broker.Completion.WaitAsync(ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Ctrl+C or SIGTERM: the await using stops the broker, which flushes every log before exiting.
                }
            }

            return 0;
        }));
        return command;
    }
}
