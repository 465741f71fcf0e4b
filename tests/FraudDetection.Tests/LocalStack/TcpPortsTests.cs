using System.Net;
using System.Net.Sockets;
using FraudDetection.LocalStack;

namespace FraudDetection.Tests.LocalStack;

public sealed class TcpPortsTests
{
    [Fact]
    public async Task A_held_port_is_not_free_accepts_connections_and_names_its_owner()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            Assert.False(TcpPorts.IsFree("127.0.0.1", port));
            Assert.True(await TcpPorts.AcceptsConnectionsAsync("127.0.0.1", port, TestContext.Current.CancellationToken));
            var owner = TcpPorts.DescribeOwner(port);
            Assert.NotNull(owner);
            Assert.StartsWith($"pid {Environment.ProcessId} (", owner, StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_found_free_port_is_free_refuses_connections_and_has_no_owner()
    {
        var port = TcpPorts.FindFree();

        Assert.InRange(port, 1, 65535);
        Assert.True(TcpPorts.IsFree("127.0.0.1", port));
        Assert.False(await TcpPorts.AcceptsConnectionsAsync("127.0.0.1", port, TestContext.Current.CancellationToken));
        Assert.Null(TcpPorts.DescribeOwner(port));
    }
}
