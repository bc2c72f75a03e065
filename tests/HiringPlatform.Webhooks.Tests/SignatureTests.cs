namespace HiringPlatform.Webhooks.Tests;

using System.Security.Cryptography;
using System.Text;
using HiringPlatform.Webhooks.Deliveries;
using HiringPlatform.Webhooks.Subscriptions;
using Xunit;

/// <summary>Signatures a Standard Webhooks library on the receiving side accepts.</summary>
public sealed class SignatureTests
{
    [Fact]
    public void The_signature_reproduces_the_Standard_Webhooks_reference_vector()
    {
        // The example the Standard Webhooks reference libraries test against.
        var signature = WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
            Encoding.UTF8.GetBytes("{\"test\": 2432232314}"));

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void The_signature_is_an_HMAC_SHA256_of_id_timestamp_and_raw_body_with_the_decoded_secret()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var secret = "whsec_" + Convert.ToBase64String(key);
        var body = Encoding.UTF8.GetBytes("{\"id\":\"x\",\"data\":{\"name\":\"Zoë\"}}");

        var signature = WebhookSignature.Sign(secret, "evt-1", 1700000000, body);

        using var hmac = new HMACSHA256(key);
        var expected = hmac.ComputeHash([.. Encoding.UTF8.GetBytes("evt-1.1700000000."), .. body]);
        Assert.Equal("v1," + Convert.ToBase64String(expected), signature);
    }

    [Fact]
    public void A_receiver_accepts_any_one_of_several_signatures_and_rejects_a_changed_body()
    {
        var current = SigningSecret.NewSecret();
        var previous = SigningSecret.NewSecret();
        var body = Encoding.UTF8.GetBytes("{\"a\":1}");
        var header = WebhookSignature.Header([current, previous], "evt-2", 1700000000, body);

        Assert.Equal(2, header.Split(' ').Length);
        Assert.True(WebhookSignature.Verify(previous, "evt-2", 1700000000, body, header));
        Assert.True(WebhookSignature.Verify(current, "evt-2", 1700000000, body, header));
        Assert.False(WebhookSignature.Verify(current, "evt-2", 1700000000, Encoding.UTF8.GetBytes("{\"a\":2}"), header));
        Assert.False(WebhookSignature.Verify(current, "evt-2", 1700000001, body, header));
    }

    [Fact]
    public void A_new_secret_is_whsec_and_32_random_bytes_and_the_previous_one_signs_for_a_day_after_a_rotation()
    {
        var secret = SigningSecret.NewSecret();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, WebhookSignature.KeyOf(secret).Length);
        Assert.NotEqual(secret, SigningSecret.NewSecret());

        var now = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
        var rotated = new SigningSecret(Guid.NewGuid(), secret, null, null).Rotate(SigningSecret.NewSecret(), now);
        Assert.Equal([rotated.Current, secret], rotated.SigningAt(now.AddHours(23)));
        Assert.Equal([rotated.Current], rotated.SigningAt(now.AddHours(24)));
    }
}
