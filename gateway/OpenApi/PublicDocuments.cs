namespace HiringPlatform.Gateway.OpenApi;

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;

/// <summary>
/// The API as integrators see it: each service's OpenAPI document at <c>/openapi/{service}.json</c>
/// and all of them merged into one at <c>/openapi/v1.json</c>, every one with the gateway as its
/// only server (a client generated from it calls the gateway, never a service). Each service's document is fetched
/// once per <c>Gateway:OpenApiCacheSeconds</c> (60 by default; a failed fetch is not kept) and each answer, per server
/// address, is built once from them, so a client polling the documents costs the services nothing; answers carry an
/// ETag (304 on a matching If-None-Match) and the same max-age.
/// </summary>
public static class PublicDocuments
{
    public const string PublicUrlKey = "Gateway:PublicUrl";
    public const string HttpClientName = "openapi-documents";
    public static readonly IReadOnlyList<string> Services = ["loop-planner", "scheduling", "scorecard", "calibration", "webhooks"];

    public const string CacheSecondsKey = "Gateway:OpenApiCacheSeconds";

    public static WebApplicationBuilder AddPublicDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddMemoryCache();
        return builder;
    }

    public static WebApplication MapPublicDocuments(this WebApplication app)
    {
        app.MapGet("/openapi/v1.json", (HttpContext http, IHttpClientFactory clients, IConfiguration configuration, IMemoryCache cache,
            CancellationToken token) =>
            Answer(http, configuration, cache, "v1", async server =>
            {
                var documents = new List<(string Service, JsonObject Document)>();
                foreach (var service in Services)
                {
                    documents.Add((service, await FetchAsync(clients, configuration, cache, service, token)));
                }
                return Aggregate(documents, server).ToJsonString();
            })).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/openapi/{service}.json", async (string service, HttpContext http, IHttpClientFactory clients, IConfiguration configuration,
            IMemoryCache cache, CancellationToken token) =>
        {
            if (!Services.Contains(service, StringComparer.Ordinal))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such document",
                    detail: $"Documents: v1 (everything), {string.Join(", ", Services)}.");
            }
            return await Answer(http, configuration, cache, service, async server =>
            {
                var document = await FetchAsync(clients, configuration, cache, service, token);
                document["servers"] = Servers(server);
                return document.ToJsonString();
            });
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static TimeSpan CacheFor(IConfiguration configuration) =>
        TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue(CacheSecondsKey, 60)));

    /// <summary>Where the server address goes in a cached document until a request names it.</summary>
    private const string ServerPlaceholder = "urn:hiring-platform:openapi-server";

    /// <summary>
    /// One document as answered: built once per cache period with a placeholder for the server, which each answer fills in
    /// with its own address (the cache holds one copy per document, whatever Host headers callers send); the ETag is the
    /// document's and the address's.
    /// </summary>
    private static async Task<IResult> Answer(HttpContext http, IConfiguration configuration, IMemoryCache cache, string name,
        Func<string, Task<string>> build)
    {
        var lifetime = CacheFor(configuration);
        var (template, hash) = await Cached(cache, ("openapi-answer", name), lifetime, async () =>
        {
            var built = await build(ServerPlaceholder);
            return (Text: built, Hash: Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(built))));
        });
        var server = ServerUrl(http, configuration);
        var text = template.Replace(JsonSerializer.Serialize(ServerPlaceholder), JsonSerializer.Serialize(server), StringComparison.Ordinal);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hash + server)))[..32]}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = $"public, max-age={(int)lifetime.TotalSeconds}";
        return http.Request.Headers.IfNoneMatch.Any(tag => tag == etag || tag == "*")
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Text(text, "application/json");
    }

    /// <summary>
    /// One document from many: paths side by side (each service owns its own), schemas shared when
    /// identical and prefixed with the service's name when two services mean different things by one
    /// name, operationIds made unique the same way, tags and security schemes united.
    /// </summary>
    public static JsonObject Aggregate(IReadOnlyList<(string Service, JsonObject Document)> documents, string serverUrl)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        var securitySchemes = new JsonObject();
        var tags = new JsonArray();
        var operationIds = new HashSet<string>(StringComparer.Ordinal);
        var seenTags = new HashSet<string>(StringComparer.Ordinal);
        JsonNode? security = null;

        foreach (var (service, original) in documents)
        {
            var prefix = string.Concat(service.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
            // A schema another service already named differently is renamed, and so, in turn, is every schema that refers to one renamed.
            var own = original["components"]?["schemas"]?.AsObject() ?? [];
            var renamed = new HashSet<string>(StringComparer.Ordinal);
            JsonObject document;
            while (true)
            {
                var text = original.ToJsonString();
                foreach (var name in renamed)
                {
                    text = text.Replace($"\"#/components/schemas/{name}\"", $"\"#/components/schemas/{prefix}{name}\"", StringComparison.Ordinal);
                }
                document = JsonNode.Parse(text)!.AsObject();
                var rewritten = document["components"]?["schemas"]?.AsObject() ?? [];
                var more = own.Select(pair => pair.Key)
                    .Where(name => !renamed.Contains(name) && schemas[name] is { } existing && !JsonNode.DeepEquals(existing, rewritten[name]))
                    .ToList();
                if (more.Count == 0)
                {
                    foreach (var (name, schema) in rewritten)
                    {
                        schemas[renamed.Contains(name) ? prefix + name : name] ??= schema!.DeepClone();
                    }
                    break;
                }
                renamed.UnionWith(more);
            }
            foreach (var (name, scheme) in document["components"]?["securitySchemes"]?.AsObject() ?? [])
            {
                securitySchemes[name] ??= scheme!.DeepClone();
            }
            security ??= document["security"]?.DeepClone();
            foreach (var tag in document["tags"]?.AsArray() ?? [])
            {
                if (tag?["name"]?.GetValue<string>() is { } tagName && seenTags.Add(tagName))
                {
                    tags.Add(tag.DeepClone());
                }
            }
            foreach (var (path, item) in document["paths"]?.AsObject() ?? [])
            {
                if (paths.ContainsKey(path))
                {
                    throw new InvalidOperationException($"{path} is in two services' documents ({service} and another).");
                }
                var copy = item!.DeepClone().AsObject();
                foreach (var (_, operation) in copy)
                {
                    if (operation is JsonObject op && op["operationId"]?.GetValue<string>() is { } id && !operationIds.Add(id))
                    {
                        op["operationId"] = prefix + id;
                        operationIds.Add(prefix + id);
                    }
                }
                paths[path] = copy;
            }
        }

        var aggregated = new JsonObject
        {
            ["openapi"] = documents.Count > 0 ? documents[0].Document["openapi"]?.DeepClone() : "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "HiringPlatform API",
                ["version"] = "v1",
                ["description"] = "Every public route of the platform, through the gateway: candidates and their loops, the competency "
                    + "framework, role profiles and question bank, interviewers and schedules, scorecards and decisions, calibration, "
                    + "and webhooks. Authenticate with an OIDC bearer token or an X-Api-Key; errors are RFC 9457 problem+json. "
                    + "The same operations, one document per service, are at /openapi/{service}.json.",
                ["contact"] = new JsonObject { ["name"] = "HiringPlatform", ["url"] = "https://github.com/hiring-platform" },
            },
            ["servers"] = Servers(serverUrl),
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas, ["securitySchemes"] = securitySchemes },
            ["tags"] = tags,
        };
        if (security is not null)
        {
            aggregated["security"] = security;
        }
        return aggregated;
    }

    private static JsonArray Servers(string url) => [new JsonObject { ["url"] = url, ["description"] = "The gateway" }];

    /// <summary>The configured public address, or else the address this request reached the gateway at.</summary>
    private static string ServerUrl(HttpContext http, IConfiguration configuration) =>
        (configuration[PublicUrlKey] is { Length: > 0 } configured ? configured : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}")
        .TrimEnd('/');

    /// <summary>A service's own document (a fresh copy to change), fetched once per cache period.</summary>
    private static async Task<JsonObject> FetchAsync(IHttpClientFactory clients, IConfiguration configuration, IMemoryCache cache,
        string service, CancellationToken token)
    {
        var text = await Cached(cache, ("openapi-service", service), CacheFor(configuration), async () =>
        {
            var address = configuration[$"ReverseProxy:Clusters:{service}:Destinations:primary:Address"]
                ?? throw new InvalidOperationException($"No address for {service} (ReverseProxy:Clusters:{service}:Destinations:primary:Address).");
            using var client = clients.CreateClient(HttpClientName);
            return await client.GetStringAsync(new Uri(new Uri(address), "/openapi/v1.json"), token);
        });
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The cached value, or a new one kept for <paramref name="lifetime"/> (0: not kept; a failure is never kept).</summary>
    private static async Task<T> Cached<T>(IMemoryCache cache, object key, TimeSpan lifetime, Func<Task<T>> create)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return await create();
        }
        return (await cache.GetOrCreateAsync(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = lifetime;
            return create();
        }))!;
    }
}
