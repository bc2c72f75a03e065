namespace HiringPlatform.EndToEnd.Tests;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HiringPlatform.ServiceDefaults.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

/// <summary>
/// A catalogue of hostile payloads through the gateway to every write route of every service, as
/// each service's own OpenAPI document lists them: malformed JSON, NUL and other control
/// characters, lone surrogates, 100k-character strings, 1e400 and 20-digit integers, wrong types,
/// nesting 1000 deep and text/plain bodies. Each documented request example is the starting point,
/// so all but the one hostile value is a valid request. Not one answer is 5xx, every refusal is
/// problem+json, text that breaks the shared rule is a 422 naming the field, and nothing is stored.
/// Its own platform (a collection of its own), so nothing else writes while it counts.
/// </summary>
[Collection(HostileInputCollection.Name)]
public sealed partial class HostileInputTests(PlatformFixture platform)
{
    private const string Placeholder = "@@hostile@@";
    private static readonly string[] Services = ["loop-planner", "scheduling", "scorecard", "calibration", "webhooks"];
    private readonly string marker = "fuzz" + Guid.NewGuid().ToString("N")[..12];
    private readonly Lazy<HttpClient> gateway = new(() => new HttpClient { BaseAddress = platform.Gateway.Address });

    /// <summary>Raw JSON for one value, and whether the shared text rule must name the field in a 422.</summary>
    private IEnumerable<(string Name, string Json, bool Named)> Values()
    {
        yield return ("NUL", $"\"{marker}\\u0000end\"", true);
        yield return ("escape character", $"\"{marker}\\u001b[2J\"", true);
        yield return ("lone high surrogate", $"\"{marker}\\ud800\"", true);
        yield return ("lone low surrogate", $"\"\\udc00{marker}\"", true);
        yield return ("100k characters", $"\"{marker}{new string('x', 100_000)}\"", false);
        yield return ("1e400", "1e400", false);
        yield return ("20-digit integer", "12345678901234567890", false);
        yield return ("object for a scalar", "{\"unexpected\": true}", false);
        yield return ("array for a scalar", "[1, \"two\"]", false);
        yield return ("boolean", "true", false);
        yield return ("nested 1000 deep", new string('[', 1000) + new string(']', 1000), false);
    }

    private static IEnumerable<(string Name, string ContentType, byte[] Body)> WholeBodies(string? example, bool allOptional)
    {
        yield return ("malformed JSON", "application/json", "{\"name\": \"Ada\", "u8.ToArray());
        yield return ("trailing garbage", "application/json", "{\"name\": \"Ada\"} }"u8.ToArray());
        yield return ("object nested 1000 deep", "application/json",
            Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)));
        yield return ("array nested 1000 deep", "application/json", Encoding.UTF8.GetBytes(new string('[', 1000) + new string(']', 1000)));
        yield return ("invalid UTF-8", "application/json", [.. "{\"name\": \""u8, 0xFF, 0xFE, 0xC3, .. "\"}"u8]);
        yield return ("a bare string", "application/json", "\"just text\""u8.ToArray());
        if (!allOptional)
        {
            // A request whose fields all default (a calibration report) is complete as null.
            yield return ("null", "application/json", "null"u8.ToArray());
        }
        yield return ("text/plain", "text/plain", Encoding.UTF8.GetBytes(example ?? "{\"name\": \"Ada\"}"));
        yield return ("form-encoded", "application/x-www-form-urlencoded", "name=Ada%00&email=x"u8.ToArray());
    }

    [Fact]
    public async Task Hostile_payloads_to_every_write_route_through_the_gateway_never_answer_5xx_and_store_nothing()
    {
        var before = new Dictionary<string, long>();
        foreach (var service in Services)
        {
            before[service] = await platform.Infrastructure.CountEventsAsync(service);
        }
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.Address };
        var failures = new List<string>();
        var attempts = 0;
        var named = 0;

        foreach (var service in Services)
        {
            var document = await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                foreach (var (method, operation) in path.Value.EnumerateObject()
                    .Where(m => m.Name is "post" or "put" or "patch" or "delete").Select(m => (m.Name.ToUpperInvariant(), m.Value)))
                {
                    var url = PathParameter().Replace(path.Name, _ => Guid.CreateVersion7().ToString());
                    var where = $"{service} {method} {path.Name}";
                    var example = JsonExample(operation);

                    foreach (var (name, contentType, body) in WholeBodies(example?.ToJsonString(), !HasRequiredFields(document, operation)))
                    {
                        attempts++;
                        await Expect(failures, where, name, await Send(method, url, contentType, body), field: null);
                    }
                    if (example is not null)
                    {
                        foreach (var (leaf, kind) in Leaves(example, "").Where(l => l.Path.Length > 0))
                        {
                            // Each hostile value where it is not also a valid one (true for a boolean field is).
                            foreach (var (name, json, mustName) in Values().Where(v => !(v.Name == "boolean" && kind is JsonValueKind.True or JsonValueKind.False)))
                            {
                                attempts++;
                                var body = Encoding.UTF8.GetBytes(WithValue(example, leaf, json));
                                var response = await Send(method, url, "application/json", body);
                                named += mustName ? 1 : 0;
                                await Expect(failures, where, $"{name} at {leaf}", response, field: mustName ? leaf : null);
                            }
                        }
                    }
                    foreach (var parameter in Parameters(operation, "query"))
                    {
                        attempts++;
                        var response = await Send(method, $"{url}?{parameter}={Uri.EscapeDataString(marker + "\0")}", "application/json",
                            Encoding.UTF8.GetBytes(example?.ToJsonString() ?? "{}"));
                        await Expect(failures, where, $"NUL in query {parameter}", response, field: parameter);
                    }
                    if (HasMultipart(operation))
                    {
                        foreach (var (name, form) in HostileForms())
                        {
                            attempts++;
                            await Expect(failures, where, name, await Send(new HttpRequestMessage(new HttpMethod(method), url) { Content = form }), field: null);
                        }
                    }
                }
            }
        }

        Assert.True(attempts > 1000, $"only {attempts} requests were sent: the OpenAPI documents list too few write routes or examples");
        Assert.True(named > 300, $"only {named} requests put hostile text into a documented field");
        Assert.True(failures.Count == 0, $"{failures.Count} of {attempts} answers were wrong:{Environment.NewLine}"
            + string.Join(Environment.NewLine, failures.Take(60)));
        foreach (var service in Services)
        {
            Assert.Equal(before[service], await platform.Infrastructure.CountEventsAsync(service));
        }
        Assert.Empty(await RowsHolding(marker));
    }

    private async Task Expect(List<string> failures, string where, string what, HttpResponseMessage response, string? field)
    {
        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var clip = text.Length > 300 ? text[..300] : text;
            if (status is < 400 or >= 500 || status == 429)
            {
                failures.Add($"{where} ({what}): {status} {clip}");
                return;
            }
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{where} ({what}): {status} as {response.Content.Headers.ContentType} instead of problem+json");
                return;
            }
            if (field is null)
            {
                return;
            }
            var problem = JsonDocument.Parse(text).RootElement;
            if (status != 422 || !problem.TryGetProperty("errors", out var errors) || !errors.TryGetProperty(field, out _))
            {
                failures.Add($"{where} ({what}): expected a 422 naming '{field}', got {status} {clip}");
            }
        }
    }

    private Task<HttpResponseMessage> Send(string method, string url, string contentType, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Send(new HttpRequestMessage(new HttpMethod(method), url) { Content = content });
    }

    /// <summary>Every role, and a subject of its own per request so the per-client rate limits never answer instead.</summary>
    private async Task<HttpResponseMessage> Send(HttpRequestMessage request)
    {
        using (request)
        {
            var key = platform.Gateway.Services.GetRequiredService<IConfiguration>()["Auth:DevelopmentSigningKey"]!;
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PlatformTokens.Mint(key,
                PlatformTokens.DevelopmentIssuer, PlatformTokens.DevelopmentAudience, Guid.CreateVersion7().ToString(), [.. Roles.All],
                TimeSpan.FromHours(1), DateTimeOffset.UtcNow));
            return await gateway.Value.SendAsync(request);
        }
    }

    private IEnumerable<(string Name, MultipartFormDataContent Form)> HostileForms()
    {
        MultipartFormDataContent Form(string ratings, string? name = null)
        {
            var form = new MultipartFormDataContent { { new StringContent(ratings), "ratings", "ratings.csv" } };
            if (name is not null)
            {
                form.Add(new StringContent(name), "name");
            }
            return form;
        }
        const string Header = "interview_id,candidate_id,interviewer_id,interview_type,competency,rating\n";
        yield return ("NUL in a CSV file", Form(Header + $"i1,c1,{marker}\0,coding,algorithms,3\n"));
        yield return ("NUL in a form field", Form(Header + "i1,c1,r1,coding,algorithms,3\n", marker + "\0"));
        yield return ("a binary file", Form(Encoding.Latin1.GetString([0, 1, 2, 0xFF, 0xFE, 0, 0])));
    }

    private static JsonNode? JsonExample(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body)
        && body.GetProperty("content").TryGetProperty("application/json", out var json)
        && json.TryGetProperty("example", out var example)
            ? JsonNode.Parse(example.GetRawText())
            : null;

    private static bool HasMultipart(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("multipart/form-data", out _);

    private static IEnumerable<string> Parameters(JsonElement operation, string location) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == location).Select(p => p.GetProperty("name").GetString()!)
            : [];

    /// <summary>Every scalar of the example by its path as validation errors name fields (<c>slots[0].notes</c>).</summary>
    private static IEnumerable<(string Path, JsonValueKind Kind)> Leaves(JsonNode? node, string path) => node switch
    {
        JsonObject value => value.SelectMany(p => Leaves(p.Value, path.Length == 0 ? p.Key : $"{path}.{p.Key}")),
        JsonArray value => value.SelectMany((item, i) => Leaves(item, $"{path}[{i}]")),
        JsonValue value => [(path, value.GetValueKind())],
        _ => [],
    };

    private static bool HasRequiredFields(JsonElement document, JsonElement operation)
    {
        if (!operation.TryGetProperty("requestBody", out var body) || !body.GetProperty("content").TryGetProperty("application/json", out var json)
            || !json.TryGetProperty("schema", out var schema))
        {
            return true;
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }
        return schema.TryGetProperty("required", out var required) && required.GetArrayLength() > 0;
    }

    private static string WithValue(JsonNode example, string leaf, string json)
    {
        var copy = example.DeepClone();
        JsonNode? parent = copy;
        var steps = LeafStep().Matches(leaf).Select(m => m.Value).ToList();
        foreach (var step in steps[..^1])
        {
            parent = step.StartsWith('[') ? parent![int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)] : parent![step.TrimStart('.')];
        }
        var last = steps[^1];
        if (last.StartsWith('['))
        {
            parent![int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = Placeholder;
        }
        else
        {
            parent![last.TrimStart('.')] = Placeholder;
        }
        return copy.ToJsonString().Replace($"\"{Placeholder}\"", json, StringComparison.Ordinal);
    }

    /// <summary>Every table row of every service's schema whose text holds <paramref name="text"/>: documents, events, idempotency records.</summary>
    private async Task<List<string>> RowsHolding(string text)
    {
        var found = new List<string>();
        await using var connection = new NpgsqlConnection(platform.Infrastructure.Postgres);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_schema || '.' || table_name from information_schema.tables where table_schema = any(@schemas) and table_type = 'BASE TABLE'",
            connection))
        {
            list.Parameters.AddWithValue("schemas", Services.Select(platform.Infrastructure.SchemaFor).ToArray());
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from {table} t where t::text like @pattern", connection);
            count.Parameters.AddWithValue("pattern", $"%{text}%");
            if ((long)(await count.ExecuteScalarAsync())! > 0)
            {
                found.Add(table);
            }
        }
        return found;
    }

    [GeneratedRegex("{[^}]+}")]
    private static partial Regex PathParameter();

    [GeneratedRegex(@"\[\d+\]|\.?[^.\[]+")]
    private static partial Regex LeafStep();
}

/// <summary>The hostile-input test's own platform: nothing else writes while it counts what is stored.</summary>
[CollectionDefinition(Name)]
public sealed class HostileInputCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "hostile-input";
}
