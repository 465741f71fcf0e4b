namespace FraudLab.Broker.Tests.Security;

public sealed class ScramUserTests
{
    [Fact]
    public void ReadsOneSecretShapedObjectOrAnArray()
    {
        using var folder = new TempDirectory();
        var one = Path.Combine(folder.Path, "one.json");
        File.WriteAllText(one, """{"username": "alice", "password": "s3cret"}""");
        var many = Path.Combine(folder.Path, "many.json");
        File.WriteAllText(many, """[{"username": "a", "password": "1"}, {"username": "b", "password": "2"}]""");

        Assert.Equal([new ScramUser("alice", "s3cret")], ScramUser.ReadFile(one));
        Assert.Equal(["a", "b"], ScramUser.ReadFile(many).Select(u => u.Name));
        Assert.DoesNotContain("s3cret", new ScramUser("alice", "s3cret").ToString());
    }

    [Fact]
    public void ABadFileNamesItselfAndTheEntry()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "users.json");
        File.WriteAllText(path, """[{"username": "a", "password": "1"}, {"username": "b"}]""");
        var error = Assert.Throws<InvalidDataException>(() => ScramUser.ReadFile(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("entry 1", error.Message);

        File.WriteAllText(path, "not json");
        Assert.Contains("is not JSON", Assert.Throws<InvalidDataException>(() => ScramUser.ReadFile(path)).Message);
    }

    [Fact]
    public void OptionsNameEverySecurityProblemAndTheProtocol()
    {
        var options = new BrokerOptions
        {
            InMemory = true,
            TlsCertificateFile = "/nonexistent/broker.pem",
            ScramUsers = [new ScramUser("a", ""), new ScramUser("b", "x"), new ScramUser("b", "y")],
        };
        var problems = options.Problems();
        Assert.Contains(problems, p => p.Contains("/nonexistent/broker.pem"));
        Assert.Contains(problems, p => p.Contains("('a') has no password"));
        Assert.Contains(problems, p => p.Contains("'b' more than once"));
        Assert.Equal("SASL_SSL", options.SecurityProtocol);
        Assert.Equal("PLAINTEXT", new BrokerOptions().SecurityProtocol);
    }
}
