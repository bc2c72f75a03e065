namespace HiringPlatform.EndToEnd.Tests;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HiringPlatform.ServiceDefaults.Security;
using Xunit;

/// <summary>
/// Every POST and PUT route of every service (read from its own OpenAPI document), sent bodies
/// with wrong types, missing fields, huge strings, deep nesting, invalid UTF-8 and non-JSON:
/// none answers 5xx and nothing is stored.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MalformedBodyTests(PlatformFixture platform)
{
    private static readonly string Huge = new('x', 200_000);

    private static IEnumerable<(string Name, byte[] Body)> Bodies()
    {
        yield return ("wrong types", Encoding.UTF8.GetBytes("""
            {"name": 12, "email": true, "level": [], "role": {}, "ratings": "all good", "qualifiedFor": 5,
             "recommendation": 3, "candidateId": "not-a-guid", "weeklyCap": "many", "probes": [1, 2], "scenario": false}
            """));
        yield return ("missing fields", "{}"u8.ToArray());
        yield return ("huge strings", JsonSerializer.SerializeToUtf8Bytes(new
        {
            name = Huge, email = Huge, role = Huge, level = Huge, team = Huge, summary = Huge, rationale = Huge, reason = Huge,
            scenario = Huge, externalId = Huge,
        }));
        yield return ("deep nesting", Encoding.UTF8.GetBytes("{\"name\":" + new string('[', 500) + new string(']', 500) + "}"));
        yield return ("invalid utf-8", [.. "{\"name\": \""u8, 0xFF, 0xFE, 0xC3, .. "\"}"u8]);
        yield return ("not json", "<candidate name='x'/>"u8.ToArray());
        yield return ("empty", []);
    }

    [Fact]
    public async Task Malformed_bodies_to_every_write_route_never_answer_5xx_and_store_nothing()
    {
        var hosts = new (string Service, Func<string[], HttpClient> Client)[]
        {
            ("loop-planner", roles => platform.LoopPlanner.CreateClientAs(Guid.CreateVersion7().ToString(), roles)),
            ("scheduling", roles => platform.Scheduling.CreateClientAs(Guid.CreateVersion7().ToString(), roles)),
            ("scorecard", roles => platform.Scorecard.CreateClientAs(Guid.CreateVersion7().ToString(), roles)),
            ("calibration", roles => platform.Calibration.CreateClientAs(Guid.CreateVersion7().ToString(), roles)),
            ("webhooks", roles => platform.Webhooks.CreateClientAs(Guid.CreateVersion7().ToString(), roles)),
        };
        var failures = new List<string>();
        var attempts = 0;
        foreach (var (service, create) in hosts)
        {
            using var client = create([.. Roles.All]);
            var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
            var before = await platform.Infrastructure.CountEventsAsync(service);
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                foreach (var method in path.Value.EnumerateObject().Select(m => m.Name.ToUpperInvariant()).Where(m => m is "POST" or "PUT"))
                {
                    var url = System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", Guid.CreateVersion7().ToString());
                    // A request whose fields are all optional (e.g. a calibration report: everything defaults) is complete
                    // when empty, so "missing fields" and "empty" are valid requests there, not malformed ones.
                    var allOptional = !HasRequiredFields(document, path.Value.GetProperty(method.ToLowerInvariant()));
                    foreach (var (name, body) in Bodies().Where(b => !(allOptional && b.Name is "missing fields" or "empty")))
                    {
                        attempts++;
                        using var content = new ByteArrayContent(body);
                        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = content });
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{service} {method} {path.Name} ({name}): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        }
                    }
                }
            }
            Assert.Equal(before, await platform.Infrastructure.CountEventsAsync(service));
        }
        Assert.True(attempts > 50, $"only {attempts} requests were sent: the OpenAPI documents list too few write routes");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static bool HasRequiredFields(JsonElement document, JsonElement operation)
    {
        if (!operation.TryGetProperty("requestBody", out var body) || !body.TryGetProperty("content", out var content))
        {
            return true;
        }
        foreach (var media in content.EnumerateObject())
        {
            if (!media.Value.TryGetProperty("schema", out var schema))
            {
                continue;
            }
            if (schema.TryGetProperty("$ref", out var reference))
            {
                var name = reference.GetString()!.Split('/')[^1];
                schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
            }
            if (!schema.TryGetProperty("required", out var required) || required.GetArrayLength() == 0)
            {
                return false;
            }
        }
        return true;
    }
}
