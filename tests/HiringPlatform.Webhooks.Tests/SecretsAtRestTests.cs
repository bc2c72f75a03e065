namespace HiringPlatform.Webhooks.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using HiringPlatform.Webhooks.Subscriptions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit;

/// <summary>Signing secrets are Data Protection ciphertext in PostgreSQL, with the key ring beside them; deliveries still verify.</summary>
public sealed class SecretsAtRestTests(WebhooksFixture webhooks) : IClassFixture<WebhooksFixture>
{
    private async Task<string> TableTextAsync(string table, string? where = null)
    {
        await using var connection = new NpgsqlConnection(webhooks.Infrastructure.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select coalesce(string_agg(t::text, E'\\n'), '') from {webhooks.Infrastructure.SchemaFor("webhooks")}.{table} t"
            + (where is null ? "" : $" where {where}"), connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The stored answers' bodies (base64 in the documents), decoded as text.</summary>
    private async Task<IReadOnlyList<string>> StoredAnswersAsync()
    {
        await using var connection = new NpgsqlConnection(webhooks.Infrastructure.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select data::text from {webhooks.Infrastructure.SchemaFor("webhooks")}.mt_doc_idempotent_request", connection);
        var bodies = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var body = JsonDocument.Parse(reader.GetString(0)).RootElement.EnumerateObject()
                .Single(p => p.Name.Equals("body", StringComparison.OrdinalIgnoreCase)).Value;
            bodies.Add(body.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetString(body.GetBytesFromBase64()) : "");
        }
        return bodies;
    }

    private static void AssertSigned(ReceivedRequest request, string secret) =>
        Assert.Contains(request.SignatureWith(secret), request.Signature.Split(' '));

    [Fact]
    public async Task The_stored_secret_and_the_stored_idempotent_answer_hold_no_plain_secret_and_deliveries_still_verify()
    {
        using var hr = webhooks.As("hr-at-rest", Roles.HrSystem);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/subscriptions")
        {
            Content = JsonContent.Create(new { url = webhooks.Receiver.Endpoint("at-rest", 200), eventTypes = new[] { "interview.scheduled" } }),
        };
        request.Headers.Add("Idempotency-Key", "at-rest-1");
        var response = await hr.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var subscription = await response.Content.ReadFromJsonAsync<JsonElement>();
        var secret = subscription.GetProperty("secret").GetString()!;
        var id = subscription.Id();

        var stored = await TableTextAsync("mt_doc_signing_secret", $"id = '{id}'");
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], stored, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", stored, StringComparison.Ordinal);
        // The answer kept for the Idempotency-Key carried the secret: it is encrypted too, and still replays.
        var answers = await StoredAnswersAsync();
        Assert.NotEmpty(answers);
        Assert.All(answers, answer => Assert.DoesNotContain("whsec_", answer, StringComparison.Ordinal));
        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/subscriptions")
        {
            Content = JsonContent.Create(new { url = webhooks.Receiver.Endpoint("at-rest", 200), eventTypes = new[] { "interview.scheduled" } }),
        };
        again.Headers.Add("Idempotency-Key", "at-rest-1");
        var replayed = await hr.SendAsync(again);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(secret, (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString());
        // The key ring lives in the service's schema, where every replica finds it.
        Assert.Contains("<key ", await TableTextAsync("mt_doc_data_protection_key"), StringComparison.Ordinal);

        var message = DeliveryTests.Interview(webhooks.Clock.GetUtcNow(), await webhooks.CandidateSubmittedByAsync("hr-at-rest"));
        await webhooks.PublishAsync(message);
        var received = await Eventually.Until(() => Task.FromResult(webhooks.Receiver.At("at-rest")), r => r.Count == 1, "the delivery");
        AssertSigned(received[0], secret);
    }

    [Fact]
    public async Task A_secret_stored_in_plain_text_before_encryption_is_encrypted_on_start_and_still_signs()
    {
        using var hr = webhooks.As("hr-legacy", Roles.HrSystem);
        var subscription = await webhooks.SubscribeAsync(hr, webhooks.Receiver.Endpoint("legacy", 200), "interview.scheduled");
        var id = subscription.Id();
        // As the service before this change stored it: the secret itself in the document.
        var legacy = SigningSecret.NewSecret();
        var store = webhooks.Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            // Loaded first: the document is under optimistic concurrency.
            Assert.NotNull(await session.LoadAsync<SigningSecret>(id));
            session.Store(new SigningSecret(id, legacy, null, null));
            await session.SaveChangesAsync();
        }
        Assert.Contains(legacy, await TableTextAsync("mt_doc_signing_secret", $"id = '{id}'"), StringComparison.Ordinal);

        var migration = webhooks.Host.Services.GetServices<IHostedService>().OfType<SigningSecretMigration>().Single();
        Assert.True(await migration.MigrateAsync(CancellationToken.None) >= 1);

        var stored = await TableTextAsync("mt_doc_signing_secret", $"id = '{id}'");
        Assert.DoesNotContain(legacy, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", await TableTextAsync("mt_doc_signing_secret"), StringComparison.Ordinal);
        Assert.Equal(0, await migration.MigrateAsync(CancellationToken.None));

        await webhooks.PublishAsync(DeliveryTests.Interview(webhooks.Clock.GetUtcNow(), await webhooks.CandidateSubmittedByAsync("hr-legacy")));
        var received = await Eventually.Until(() => Task.FromResult(webhooks.Receiver.At("legacy")), r => r.Count == 1, "the delivery");
        AssertSigned(received[0], legacy);
    }
}
