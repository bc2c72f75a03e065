namespace HiringPlatform.Webhooks.Deliveries;

using System.Net;
using System.Net.Sockets;

/// <summary>
/// Keeps deliveries from reaching the platform's own network (SSRF): the address a subscriber's host
/// name resolves to is checked when the connection is made, so a DNS answer that changes after the
/// subscription was accepted cannot point a delivery at an internal service or a cloud metadata
/// endpoint. Private destinations are allowed only when configured (e.g. an ATS on the same private
/// network) or in development.
/// </summary>
public static class DestinationGuard
{
    /// <summary>Loopback, private (RFC 1918, unique local), link-local (incl. 169.254.169.254), carrier-grade NAT, unspecified, multicast and documentation ranges.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10
                || b[0] == 0
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 192 && b[1] == 0 && b[2] == 2)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
                || b[0] >= 224);
        }
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast
            || (address.GetAddressBytes() is [0x20, 0x01, 0x0d, 0xb8, ..]));
    }

    /// <summary>A connect callback for <see cref="SocketsHttpHandler.ConnectCallback"/> that refuses non-public destinations.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(bool allowPrivate) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException(
                    $"the destination {host} resolves to {(addresses.Length == 0 ? "no address" : "a non-public address")}; deliveries go only to public addresses (Webhooks:AllowPrivateDestinations allows private ones)");
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}
