namespace HiringPlatform.ServiceDefaults;

using System.Security.Cryptography;
using System.Text;

/// <summary>
/// Stable ids derived from other ids or names (RFC 9562 version 8, SHA-256 based): the same input
/// always gives the same id, so a redelivered message or a replay finds the same stream or event.
/// </summary>
public static class DerivedIds
{
    public static Guid From(Guid first, Guid second)
    {
        Span<byte> input = stackalloc byte[32];
        first.TryWriteBytes(input[..16]);
        second.TryWriteBytes(input[16..]);
        return FromHash(SHA256.HashData(input));
    }

    public static Guid From(string name) => FromHash(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    private static Guid FromHash(Span<byte> hash)
    {
        // Guid(bytes) reads bytes 6-7 little-endian: the version nibble is the high nibble of byte 7.
        hash[7] = (byte)((hash[7] & 0x0F) | 0x80); // version 8
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16]);
    }
}
