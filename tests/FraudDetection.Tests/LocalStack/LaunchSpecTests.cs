using FraudDetection.LocalStack;

namespace FraudDetection.Tests.LocalStack;

/// <summary>The command lines of both parts: what runs, and the markers that identify it later.</summary>
public sealed class LaunchSpecTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fraudlab-launch-").FullName;

    [Fact]
    public void The_broker_runs_the_cli_local_kafka_verb_durable_by_default()
    {
        var cli = Path.Combine(_folder, "fraudlab.dll");
        File.WriteAllText(cli, string.Empty);
        var data = Path.Combine(_folder, "kafka");

        var spec = BrokerLaunch.Create(_folder, "127.0.0.1", 19092, data, inMemory: false, Path.Combine(_folder, "kafka.log"), cli);

        Assert.Equal([cli, "local", "kafka", "--host", "127.0.0.1", "--port", "19092", "--data-dir", data], spec.Arguments);
        Assert.Equal("dotnet", Path.GetFileName(spec.FileName));
        Assert.Equal(["fraudlab.dll", "kafka", "--port", "19092"], spec.Markers);
        Assert.True(Directory.Exists(data));
    }

    [Fact]
    public void The_broker_in_memory_gets_no_data_folder()
    {
        var cli = Path.Combine(_folder, "fraudlab.dll");
        File.WriteAllText(cli, string.Empty);

        var spec = BrokerLaunch.Create(_folder, "127.0.0.1", 19092, Path.Combine(_folder, "kafka"), inMemory: true, Path.Combine(_folder, "kafka.log"), cli);

        Assert.Equal("--in-memory", spec.Arguments[^1]);
        Assert.DoesNotContain("--data-dir", spec.Arguments);
    }

    [Fact]
    public void The_broker_gets_its_tls_and_scram_files_as_paths_never_secrets()
    {
        var cli = Path.Combine(_folder, "fraudlab.dll");
        File.WriteAllText(cli, string.Empty);

        var spec = BrokerLaunch.Create(_folder, "127.0.0.1", 19096, Path.Combine(_folder, "kafka"), inMemory: true, Path.Combine(_folder, "kafka.log"), cli,
            tlsCertificateFile: "/s/broker.pem", tlsKeyFile: "/s/broker-key.pem", scramUsersFile: "/s/scram-users.json");

        Assert.Equal(["--in-memory", "--tls-cert", "/s/broker.pem", "--tls-key", "/s/broker-key.pem", "--scram-users", "/s/scram-users.json"], spec.Arguments.Skip(7));
    }

    [Fact]
    public void A_missing_cli_is_a_one_line_error_with_the_fix()
    {
        var error = Assert.Throws<LocalStackException>(() =>
            BrokerLaunch.Create(_folder, "127.0.0.1", 19092, Path.Combine(_folder, "kafka"), inMemory: true, "kafka.log", Path.Combine(_folder, "missing.dll")));

        Assert.Contains("fraudlab.dll not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("download.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dynalite_runs_its_cli_with_node_on_loopback_with_an_optional_data_folder()
    {
        var script = DynaliteLaunch.ScriptPath(_folder);
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        File.WriteAllText(script, string.Empty);
        var data = Path.Combine(_folder, "dynamo-data");

        var inMemory = DynaliteLaunch.Create(_folder, "127.0.0.1", 18000, null, "d.log");
        var durable = DynaliteLaunch.Create(_folder, "127.0.0.1", 18000, data, "d.log");

        Assert.Equal("node", Path.GetFileName(inMemory.FileName));
        Assert.Equal([script, "--host", "127.0.0.1", "--port", "18000"], inMemory.Arguments);
        Assert.Equal([script, "--host", "127.0.0.1", "--port", "18000", "--path", data], durable.Arguments);
        Assert.Equal(["dynalite/cli.js", "--port", "18000"], inMemory.Markers);
        Assert.True(Directory.Exists(data));
    }

    [Fact]
    public void Missing_dynalite_is_a_one_line_error_telling_to_run_download_sh()
    {
        var error = Assert.Throws<LocalStackException>(() => DynaliteLaunch.Create(_folder, "127.0.0.1", 18000, null, "d.log"));

        Assert.Contains("dynalite is not installed", error.Message, StringComparison.Ordinal);
        Assert.Contains("./download.sh", error.Message, StringComparison.Ordinal);
    }
}
