namespace HiringPlatform.EndToEnd.Tests;

using System.Text;
using HiringPlatform.ServiceDefaults.Http;
using Xunit;

/// <summary>The shared text rule on its own: what it refuses, what it lets through, and how it names the field.</summary>
public sealed class TextInputRuleTests
{
    [Theory]
    [InlineData("Ada Lovelace")]
    [InlineData("tab\there, lines\r\nand\nmore")]
    [InlineData("Zoë 李 👩‍💻 emoji pairs")]
    [InlineData("")]
    public void Ordinary_text_with_tabs_newlines_and_surrogate_pairs_is_accepted(string text) =>
        Assert.Null(TextInput.Problem(text));

    // Attribute strings are stored as UTF-8, which cannot hold a lone surrogate: the tests build the text from code units.
    [Theory]
    [InlineData("a{0}b", 0x0000)]
    [InlineData("bell{0}", 0x0007)]
    [InlineData("{0}[31mred", 0x001B)]
    [InlineData("lone {0} high", 0xD800)]
    [InlineData("lone {0} low", 0xDC00)]
    [InlineData("ends with a high half {0}", 0xDBFF)]
    public void Control_characters_and_unpaired_surrogates_are_refused(string template, int codeUnit)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, (char)codeUnit);
        Assert.Contains($"U+{codeUnit:X4}", TextInput.Problem(text), StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_over_the_limit_is_refused_and_one_at_the_limit_is_not()
    {
        Assert.Null(TextInput.Problem(new string('x', TextInput.DefaultMaxLength)));
        Assert.Contains("At most", TextInput.Problem(new string('x', TextInput.DefaultMaxLength + 1)), StringComparison.Ordinal);
        Assert.Null(TextInput.Problem(new string('x', 50_000), maxLength: 100_000));
    }

    [Fact]
    public void A_json_body_names_every_bad_field_by_its_path()
    {
        var body = Encoding.UTF8.GetBytes("""
            {"name": "Ada\u0000", "email": "ada@example.com", "tags": ["ok", "\ud800"],
             "slots": [{"type": "coding", "notes": "fine"}, {"type": "x", "notes": "\u0001"}],
             "nested": {"deeper": {"text": "\udfff"}}, "count": 3, "ok": true, "nothing": null}
            """);
        var errors = TextInput.Check(body);

        Assert.NotNull(errors);
        Assert.Equal(["name", "nested.deeper.text", "slots[1].notes", "tags[1]"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_bad_property_name_is_refused_too()
    {
        var errors = TextInput.Check("""{"na\u0000me": "Ada"}"""u8);
        Assert.NotNull(errors);
        Assert.Single(errors);
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_is_refused_naming_the_field()
    {
        byte[] body = [.. "{\"a\": \"ok\", \"name\": \""u8, 0xFF, 0xFE, .. "\"}"u8];
        var errors = TextInput.Check(body);
        Assert.NotNull(errors);
        Assert.Equal(["name"], errors.Keys);
    }

    [Fact]
    public void A_clean_body_has_no_errors_and_malformed_json_is_left_to_model_binding()
    {
        Assert.Empty(TextInput.Check("""{"name": "Ada", "list": [1, 2, {"x": "y"}]}"""u8)!);
        Assert.Null(TextInput.Check("""{"name": "Ada", """u8));
        Assert.Null(TextInput.Check(Encoding.UTF8.GetBytes(new string('[', 1000) + new string(']', 1000))));
    }
}
