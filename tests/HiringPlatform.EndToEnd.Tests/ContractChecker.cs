namespace HiringPlatform.EndToEnd.Tests;

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

/// <summary>
/// Every request and answer that goes through a gateway client of the end-to-end suite, checked
/// against the aggregated OpenAPI document the gateway serves (/openapi/v1.json) with a JSON Schema
/// validator: an answer whose status, content type or body the document does not describe, that lacks a header the
/// document says is always sent, or an
/// accepted request whose body it does not describe, fails the test that sent it.
/// </summary>
public sealed class ContractChecker(Uri gateway) : DelegatingHandler(new HttpClientHandler())
{
    // One document per gateway (each platform fixture has its own), loaded once.
    private static readonly ConcurrentDictionary<Uri, Lazy<Task<Contract>>> Contracts = new();

    /// <summary>How many answers were checked (a test asserts the checker really ran).</summary>
    public static int Checked => checkedCount;

    private static int checkedCount;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[]? requestBody = null;
        string? requestMedia = request.Content?.Headers.ContentType?.MediaType;
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            requestBody = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri is not { } uri || !uri.AbsolutePath.StartsWith("/api/v1/", StringComparison.Ordinal))
        {
            return response;
        }
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var mismatches = (await Contracts.GetOrAdd(gateway, address => new(() => Contract.LoadAsync(address))).Value).Check(request.Method.Method, uri.AbsolutePath, requestMedia, requestBody,
            (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body,
            name => response.Headers.Contains(name) || response.Content.Headers.Contains(name));
        Interlocked.Increment(ref checkedCount);
        if (mismatches.Count > 0)
        {
            throw new ContractMismatchException($"{request.Method} {uri.PathAndQuery} answered {(int)response.StatusCode}: "
                + string.Join("; ", mismatches));
        }
        return response;
    }

    /// <summary>Every example of the document (request bodies and answers) checked against the schema beside it.</summary>
    public static async Task<(int Checked, List<string> Mismatches)> ExampleMismatchesAsync(Uri gateway)
    {
        var contract = await Contract.LoadAsync(gateway);
        return contract.ExampleMismatches();
    }

    private sealed class Contract(JsonObject document)
    {
        public (int Checked, List<string> Mismatches) ExampleMismatches()
        {
            var problems = new List<string>();
            var examples = 0;
            foreach (var (path, item) in document["paths"]!.AsObject())
            {
                foreach (var (method, operation) in item!.AsObject())
                {
                    var pointer = $"/paths/{Escape(path)}/{method}";
                    var media = new List<(string Where, JsonObject Media)>();
                    foreach (var (type, content) in operation?["requestBody"]?["content"]?.AsObject() ?? [])
                    {
                        media.Add(($"{pointer}/requestBody/content/{Escape(type)}", content!.AsObject()));
                    }
                    foreach (var (status, response) in operation?["responses"]?.AsObject() ?? [])
                    {
                        foreach (var (type, content) in response?["content"]?.AsObject() ?? [])
                        {
                            media.Add(($"{pointer}/responses/{status}/content/{Escape(type)}", content!.AsObject()));
                        }
                    }
                    foreach (var (where, content) in media.Where(m => m.Media["example"] is not null && m.Media["schema"] is not null))
                    {
                        examples++;
                        var found = Validate($"{where}/schema", content["schema"]!, System.Text.Encoding.UTF8.GetBytes(content["example"]!.ToJsonString()),
                            "example").ToList();
                        if (found.Count > 0)
                        {
                            problems.Add($"{method.ToUpperInvariant()} {path} {where[pointer.Length..]}: {string.Join("; ", found)}");
                        }
                    }
                }
            }
            return (examples, problems);
        }

        private readonly List<(Regex Pattern, int Parameters, string Template)> templates =
        [
            .. document["paths"]!.AsObject().Select(p => (
                new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$"),
                p.Key.Count(c => c == '{'), p.Key))
                .OrderBy(t => t.Item2),
        ];

        private readonly string definitions = (document["components"]?["schemas"] ?? new JsonObject()).ToJsonString()
            .Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);

        private readonly ConcurrentDictionary<string, JsonSchema> schemas = new();

        public static async Task<Contract> LoadAsync(Uri gateway)
        {
            using var client = new HttpClient { BaseAddress = gateway };
            return new Contract(JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject());
        }

        public List<string> Check(string method, string path, string? requestMedia, byte[]? requestBody, int status, string? media, byte[] body,
            Func<string, bool> sent)
        {
            var problems = new List<string>();
            var template = templates.FirstOrDefault(t => t.Pattern.IsMatch(path)).Template;
            if (template is null || document["paths"]![template]![method.ToLowerInvariant()] is not JsonObject operation)
            {
                problems.Add($"{method} {path} is not in the document");
                return problems;
            }
            var pointer = $"/paths/{Escape(template)}/{method.ToLowerInvariant()}";
            var responses = operation["responses"]!.AsObject();
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (responses[key] is not JsonObject response)
            {
                problems.Add($"status {status} is not documented (documented: {string.Join(", ", responses.Select(r => r.Key))})");
                return problems;
            }
            foreach (var (name, header) in response["headers"]?.AsObject() ?? [])
            {
                if (header?["required"]?.GetValue<bool>() == true && !sent(name))
                {
                    problems.Add($"header {name} is documented as always sent with {status} and was not");
                }
            }
            var content = response["content"]?.AsObject();
            if (body.Length > 0)
            {
                if (media is null || content?[media] is not JsonObject mediaType)
                {
                    problems.Add($"content type {media ?? "(none)"} is not documented for {status} (documented: "
                        + $"{string.Join(", ", content?.Select(c => c.Key) ?? [])})");
                    return problems;
                }
                if (IsJson(media) && mediaType["schema"] is not null)
                {
                    problems.AddRange(Validate($"{pointer}/responses/{key}/content/{Escape(media)}/schema", mediaType["schema"]!, body, "answer"));
                }
            }
            else if (content is { Count: > 0 } && status != 304)
            {
                problems.Add($"status {status} is documented with a body ({string.Join(", ", content.Select(c => c.Key))}) and had none");
            }

            // A request the server accepted must be one the document describes.
            if (status is >= 200 and < 300 && requestBody is { Length: > 0 } && requestMedia is not null && IsJson(requestMedia))
            {
                if (operation["requestBody"]?["content"]?[requestMedia]?["schema"] is { } requestSchema)
                {
                    problems.AddRange(Validate($"{pointer}/requestBody/content/{Escape(requestMedia)}/schema", requestSchema, requestBody, "request"));
                }
                else
                {
                    problems.Add($"the request's {requestMedia} body is not documented");
                }
            }
            return problems;
        }

        private IEnumerable<string> Validate(string key, JsonNode schema, byte[] body, string what)
        {
            var compiled = schemas.GetOrAdd(key, _ =>
            {
                var root = JsonNode.Parse(schema.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal))!;
                var wrapper = new JsonObject
                {
                    ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                    ["$defs"] = JsonNode.Parse(definitions),
                    ["allOf"] = new JsonArray(root),
                };
                return JsonSchema.FromText(wrapper.ToJsonString());
            });
            JsonNode? instance;
            try
            {
                instance = JsonNode.Parse(body);
            }
            catch (System.Text.Json.JsonException e)
            {
                return [$"the {what} is not JSON: {e.Message}"];
            }
            var result = compiled.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
            if (result.IsValid)
            {
                return [];
            }
            var text = instance?.ToJsonString() ?? "null";
            return (result.Details ?? [])
                .Where(d => d.HasErrors)
                .SelectMany(d => d.Errors!.Select(e => $"{what} at '{d.InstanceLocation}': {e.Value} ({e.Key} at {d.EvaluationPath})"))
                .Take(8)
                .Append($"{what} was {(text.Length > 400 ? text[..400] + "…" : text)}");
        }

        private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

        private static bool IsJson(string media) =>
            media == "application/json" || media.EndsWith("+json", StringComparison.Ordinal);
    }
}

public sealed class ContractMismatchException(string message) : Exception("The answer does not match the OpenAPI document: " + message);
