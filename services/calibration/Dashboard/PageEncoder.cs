using System.Net;
using System.Text.Encodings.Web;

namespace HiringPlatform.Calibration.Dashboard;

/// <summary>
/// The HTML encoding the dashboard has always used for every model text (<see cref="WebUtility.HtmlEncode(string?)"/>:
/// <c>&amp;lt; &amp;gt; &amp;amp; &amp;quot; &amp;#39;</c>, and numeric references for Latin-1 and non-BMP characters),
/// given to the <see cref="Microsoft.AspNetCore.Components.Web.HtmlRenderer"/> for text and attribute values alike.
/// </summary>
internal sealed class PageEncoder : HtmlEncoder
{
    public static PageEncoder Instance { get; } = new();

    // "&#1114111;" is the longest reference one scalar needs.
    public override int MaxOutputCharactersPerInputCharacter => 10;

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        WebUtility.HtmlEncode(value.Substring(startIndex, characterCount), output);
    }

    public override string Encode(string value) => WebUtility.HtmlEncode(value);

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is '<' or '>' or '&' or '"' or '\'' or (>= 160 and <= 255) or > 0xFFFF;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            if (char.IsSurrogate(text[i]) || WillEncode(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var encoded = WillEncode(unicodeScalar) ? WebUtility.HtmlEncode(char.ConvertFromUtf32(unicodeScalar)) : char.ConvertFromUtf32(unicodeScalar);
        if (encoded.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        encoded.AsSpan().CopyTo(new Span<char>(buffer, bufferLength));
        numberOfCharactersWritten = encoded.Length;
        return true;
    }
}
