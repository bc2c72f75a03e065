namespace HiringPlatform.Webhooks.Tests;

using System.Net;
using System.Net.Sockets;
using HiringPlatform.Webhooks.Deliveries;
using Xunit;

public sealed class DestinationGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("2001:db8::1")]
    public void Internal_addresses_are_not_public(string address) => Assert.False(DestinationGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:1.1.1.1")]
    public void Internet_addresses_are_public(string address) => Assert.True(DestinationGuard.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task A_delivery_to_a_private_address_is_refused_before_connecting_unless_private_destinations_are_allowed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        using (var guarded = new HttpClient(new SocketsHttpHandler { ConnectCallback = DestinationGuard.ConnectCallback(allowPrivate: false) }))
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => guarded.GetAsync($"http://localhost:{port}/hook"));
            Assert.Contains("non-public", refused.Message, StringComparison.Ordinal);
            Assert.False(listener.Pending());
        }

        using var allowed = new HttpClient(new SocketsHttpHandler { ConnectCallback = DestinationGuard.ConnectCallback(allowPrivate: true) });
        var request = allowed.GetAsync($"http://127.0.0.1:{port}/hook");
        using var accepted = await listener.AcceptTcpClientAsync();
        Assert.True(accepted.Connected);
    }
}
