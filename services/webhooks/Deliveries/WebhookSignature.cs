namespace HiringPlatform.Webhooks.Deliveries;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HiringPlatform.Webhooks.Subscriptions;

/// <summary>
/// Standard Webhooks signatures (standardwebhooks.com): HMAC-SHA256 with the secret's key bytes
/// (base64 after <c>whsec_</c>) over <c>{webhook-id}.{webhook-timestamp}.{raw body}</c>, sent as
/// <c>v1,{base64}</c>; several signatures are separated by spaces.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static byte[] KeyOf(string secret)
    {
        var encoded = secret.StartsWith(SigningSecret.Prefix, StringComparison.Ordinal) ? secret[SigningSecret.Prefix.Length..] : secret;
        return Convert.FromBase64String(encoded);
    }

    public static string Sign(string secret, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyOf(secret), content));
    }

    /// <summary>The <c>webhook-signature</c> header: one signature per secret, space-separated.</summary>
    public static string Header(IEnumerable<string> secrets, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        var signatures = new List<string>();
        foreach (var secret in secrets)
        {
            signatures.Add(Sign(secret, webhookId, timestamp, body));
        }
        return string.Join(' ', signatures);
    }

    /// <summary>What a receiver does: true when any v1 signature in the header matches (compared in constant time).</summary>
    public static bool Verify(string secret, string webhookId, long timestamp, ReadOnlySpan<byte> body, string header)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(secret, webhookId, timestamp, body));
        foreach (var candidate in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate)))
            {
                return true;
            }
        }
        return false;
    }
}
