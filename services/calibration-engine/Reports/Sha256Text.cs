namespace HiringPlatform.Calibration.Engine.Reports;

using System.Security.Cryptography;
using System.Text;

/// <summary>
/// The SHA-256 of a text appended piece by piece, as lower-case hex: the same hash as of the UTF-8 bytes of the whole
/// text, without ever holding that text or its bytes. A report's input is hundreds of MB as one string; its hash is
/// taken in a few kB.
/// </summary>
public sealed class Sha256Text : IDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Encoder encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly byte[] bytes = new byte[16 * 1024];

    /// <summary>The hash of <paramref name="parts"/> joined with <paramref name="separator"/>, as of string.Join.</summary>
    public static string Of(char separator, params ReadOnlySpan<string?> parts)
    {
        using var text = new Sha256Text();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                text.Append(separator);
            }
            text.Append(parts[i]);
        }
        return text.Finish();
    }

    public Sha256Text Append(string? value) => Append(value.AsSpan());

    public Sha256Text Append(char value) => Append(new ReadOnlySpan<char>(in value));

    public Sha256Text Append(object? value) => Append(value?.ToString());

    public Sha256Text Append(ReadOnlySpan<char> chars)
    {
        // A surrogate pair split between two appends is encoded whole: the encoder keeps the high half until the next call.
        while (!chars.IsEmpty)
        {
            encoder.Convert(chars, bytes, flush: false, out var used, out var written, out _);
            hash.AppendData(bytes, 0, written);
            chars = chars[used..];
        }
        return this;
    }

    /// <summary>The hash of everything appended; the text cannot be appended to afterwards.</summary>
    public string Finish()
    {
        encoder.Convert(ReadOnlySpan<char>.Empty, bytes, flush: true, out _, out var written, out _);
        hash.AppendData(bytes, 0, written);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public void Dispose() => hash.Dispose();
}
