using System.Security.Cryptography;
using System.Text;
using HiringPlatform.Calibration.Engine.Reports;
using Xunit;

namespace HiringPlatform.Calibration.Engine.Tests;

public class Sha256TextTests
{
    private static string Whole(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("")]
    [InlineData("candidate_id,interviewer_id\nn1,a\n")]
    [InlineData("Okafor, Adé 中文 \U0001F600 end")]
    [InlineData("lone high \uD83D then text, lone low \uDE00 too")]
    public void The_hash_of_a_text_appended_piece_by_piece_is_the_hash_of_its_UTF8_bytes(string text)
    {
        using var pieces = new Sha256Text();
        // One character at a time: every surrogate pair is split between two appends.
        foreach (var ch in text)
        {
            pieces.Append(ch);
        }
        Assert.Equal(Whole(text), pieces.Finish());
    }

    [Fact]
    public void Joined_parts_hash_as_string_Join_does_and_a_long_multibyte_text_crosses_the_buffer_intact()
    {
        // 40,000 three-byte characters and pairs: over 100 kB of UTF-8, so the encoder's buffer fills mid-character many times.
        var random = new Random(5);
        var long1 = string.Concat(Enumerable.Range(0, 40_000).Select(_ => random.Next(3) switch { 0 => "中", 1 => "\U0001F600", _ => "a" }));
        string?[] parts = ["analysis", long1, "", null, "1-4", "calibration-config/x"];
        Assert.Equal(Whole(string.Join('\0', parts)), Sha256Text.Of('\0', parts));
        Assert.Equal(Whole(long1), Sha256Text.Of('\0', long1));
        Assert.NotEqual(Sha256Text.Of('\0', "ab", "c"), Sha256Text.Of('\0', "a", "bc"));
    }
}
