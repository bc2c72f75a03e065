namespace HiringPlatform.ServiceDefaults.Http;

using System.Text.Json;
using System.Text.Json.Nodes;
using HiringPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

/// <summary>
/// Who may call an endpoint, as the gateway's Gateway:RoutePolicies decide it (reads and writes
/// usually differ). A test checks every documented set against gateway/appsettings.json.
/// </summary>
public sealed record EndpointRoles(IReadOnlyList<string> Read, IReadOnlyList<string> Write)
{
    public IReadOnlyList<string> For(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? Read : Write;
}

/// <summary>The endpoint honours If-Match (412 on a stale tag).</summary>
public sealed record IfMatchHonoured;

/// <summary>An example request body and/or success response for the OpenAPI document.</summary>
public sealed record EndpointExample(object? Request, object? Response);

/// <summary>
/// Per-endpoint OpenAPI: roles (in the description and as <c>x-roles</c>), the problem+json error
/// responses the endpoint can give, with examples, and request/response examples.
/// </summary>
public static partial class EndpointDocs
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The roles the gateway lets through: <paramref name="read"/> for GET, <paramref name="write"/> for the rest.</summary>
    public static TBuilder WithRoles<TBuilder>(this TBuilder builder, IReadOnlyList<string> read, IReadOnlyList<string> write)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointRoles(read, write));

    /// <summary>The same roles whatever the method.</summary>
    public static TBuilder WithRoles<TBuilder>(this TBuilder builder, IReadOnlyList<string> roles) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointRoles(roles, roles));

    /// <summary>Documents the cursor, limit and updated_after of a paged list.</summary>
    public static TBuilder WithPaging<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PagedList());

    /// <summary>Documents the If-Match header and the 412 of a stale one.</summary>
    public static TBuilder WithIfMatch<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IfMatchHonoured());

    /// <summary>The answer with <paramref name="status"/> is one of these shapes (e.g. a report while running, and once completed).</summary>
    public static TBuilder ProducesOneOf<TBuilder>(this TBuilder builder, int status, params Type[] types) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OneOfResponse(status, types)).WithMetadata(new ProducesResponseTypeMetadata(status, types[0], ["application/json"]));

    public static TBuilder WithExample<TBuilder>(this TBuilder builder, object? request = null, object? response = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointExample(request, response));

    /// <summary>
    /// What every service's document says of the whole: the server is where the document was fetched
    /// from (the gateway, which serves it at /openapi/{service}.json), and how callers authenticate there.
    /// </summary>
    public static void Describe(OpenApiDocument document)
    {
        document.Servers = [new OpenApiServer { Url = "/", Description = "The gateway (where this document is served)" }];
        document.Info.Contact ??= new OpenApiContact { Name = "HiringPlatform", Url = new Uri("https://github.com/hiring-platform") };
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchemaName] = ProblemSchema();
        // A nullable reference is a oneOf of null and the $ref only once the schemas are components: nulls are not written, so not required.
        var seen = new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components.Schemas.Values)
        {
            NotRequiredWhenNullable(schema, seen);
        }
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in (operation.Responses ?? []).Values.SelectMany(r => r.Content?.Values ?? []))
            {
                NotRequiredWhenNullable(media.Schema, seen);
            }
        }
        DescribeHeaders(document);
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "A token from your OIDC issuer; roles in the `role` claim.",
            },
            [ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
                Description = "An HR system's API key (role hr-system).",
            },
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
        ];
    }

    /// <summary>
    /// The response headers integrators act on: <c>Location</c> of every 201 and of a POST's 202; <c>Retry-After</c> and
    /// the RateLimit fields of a 429, <c>Retry-After</c> of a 503; the <c>ETag</c> (the version If-Match takes) of the
    /// answers of a path whose writes honour If-Match. Required where the platform always sends it (the end-to-end
    /// contract check holds every answer to that).
    /// </summary>
    private static void DescribeHeaders(OpenApiDocument document)
    {
        foreach (var item in (document.Paths ?? []).Values)
        {
            var operations = item.Operations ?? [];
            var versioned = operations.Values.Any(o => (o.Parameters ?? []).Any(p => p.Name == "If-Match" && p.In == ParameterLocation.Header));
            foreach (var (method, operation) in operations)
            {
                var honoursIfMatch = (operation.Parameters ?? []).Any(p => p.Name == "If-Match" && p.In == ParameterLocation.Header);
                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (response is not OpenApiResponse answer)
                    {
                        continue;
                    }
                    if (status == "201" || (status == "202" && method == HttpMethod.Post))
                    {
                        Header(answer, "Location", "Where the resource (or the work accepted) is read from.", required: true);
                    }
                    if (status == "429")
                    {
                        Header(answer, "Retry-After", "Seconds until the client's window allows another request.", required: true, JsonSchemaType.Integer);
                        Header(answer, "RateLimit-Policy", "The limit and its window, e.g. `600;w=60`.", required: true);
                        Header(answer, "RateLimit", "What is left of the window, e.g. `limit=600, remaining=0, reset=12`.", required: true);
                    }
                    if (status == "503")
                    {
                        Header(answer, "Retry-After", "Seconds after which the dependency is worth trying again.", required: false, JsonSchemaType.Integer);
                    }
                    if (status.StartsWith('2') && status != "204" && (honoursIfMatch || (versioned && method == HttpMethod.Get) || status == "201"))
                    {
                        Header(answer, "ETag", "The resource's version, for If-Match on the next write.", required: false);
                    }
                }
            }
        }
    }

    private static void Header(OpenApiResponse response, string name, string description, bool required, JsonSchemaType type = JsonSchemaType.String)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Description = description, Required = required, Schema = new OpenApiSchema { Type = type } };
    }

    private const string ProblemSchemaName = "Problem";
    private const string BearerScheme = "bearer";
    private const string ApiKeyScheme = "apiKey";

    /// <summary>The operation transformer every service registers (see AddServiceDefaults).</summary>
    public static async Task Transform(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var oneOf in context.Description.ActionDescriptor.EndpointMetadata.OfType<OneOfResponse>())
        {
            var alternatives = new List<IOpenApiSchema>();
            foreach (var type in oneOf.Types)
            {
                var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
                NotRequiredWhenNullable(schema, type);
                alternatives.Add(schema);
            }
            operation.Responses ??= [];
            operation.Responses[oneOf.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = "One of these shapes.",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchema { OneOf = alternatives } } },
            };
        }
        TransformKnown(operation, context);
    }

    private static void TransformKnown(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod ?? HttpMethods.Get;

        if (metadata.OfType<EndpointRoles>().LastOrDefault() is { } roles)
        {
            var allowed = roles.For(method);
            operation.Description = $"{operation.Description}{(string.IsNullOrEmpty(operation.Description) ? "" : "\n\n")}Roles: {string.Join(", ", allowed)}.";
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-roles"] = new JsonNodeExtension(new JsonArray([.. allowed.Select(r => JsonValue.Create(r))]));
        }

        var hasBody = description.ParameterDescriptions.Any(p => p.Source.Id == "Body") || operation.RequestBody is not null;
        var hasQuery = description.ParameterDescriptions.Any(p => p.Source.Id == "Query");
        var hasRouteId = description.ParameterDescriptions.Any(p => p.Source.Id == "Path");
        var writes = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
        var ifMatch = metadata.OfType<IfMatchHonoured>().Any();

        // Every operation: no credentials, not allowed, rate limited, and the two the exception handler gives when the unexpected happens.
        var errors = new List<int>
        {
            StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests,
            StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable,
        };
        if (hasBody)
        {
            errors.AddRange([StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge]);
        }
        if (metadata.OfType<PagedList>().Any())
        {
            operation.Parameters ??= [];
            // Once each: a handler that binds one of them itself has it documented already.
            var paging = new[]
            {
                Query("cursor", "The `next` of the previous page; without it the list starts at the beginning.", JsonSchemaType.String, null),
                Query("limit", $"Page size, 1-{Paging.MaxLimit} (default {Paging.DefaultLimit}).", JsonSchemaType.Integer, 50),
                Query("updated_after", "Only what changed after this moment (ISO 8601, UTC).", JsonSchemaType.String, "2026-11-27T10:00:00Z"),
            };
            foreach (var parameter in paging.Where(p => !operation.Parameters.Any(existing => existing.Name == p.Name && existing.In == p.In)))
            {
                operation.Parameters.Add(parameter);
            }
        }
        if (hasBody || hasQuery || metadata.OfType<PagedList>().Any())
        {
            errors.Add(StatusCodes.Status422UnprocessableEntity);
        }
        if (hasRouteId)
        {
            errors.Add(StatusCodes.Status404NotFound);
        }
        if (writes)
        {
            // A concurrent write to the same stream, or a state that does not allow the change; or an Idempotency-Key reused.
            errors.Add(StatusCodes.Status409Conflict);
        }
        if (ifMatch)
        {
            errors.Add(StatusCodes.Status412PreconditionFailed);
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "The ETag of the resource as last read; a stale one is 412 and changes nothing. Optional: without it the write is accepted.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create("\"3\""),
            });
        }
        if (writes && HttpMethods.IsPost(method))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "Idempotency-Key",
                In = ParameterLocation.Header,
                Required = false,
                Description = "The same key with the same body replays the first answer; with another body it is refused.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create("8c0e5b1e-3f7a-4c9b-9d7e-2f1a6b4c5d3e"),
            });
        }

        operation.Responses ??= [];
        foreach (var status in errors.Distinct().Order())
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key))
            {
                continue;
            }
            operation.Responses[key] = new OpenApiResponse
            {
                Description = Describe(status),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchemaName, context.Document), Example = ProblemExample(status, description.RelativePath) },
                },
            };
        }

        if (metadata.OfType<EndpointExample>().LastOrDefault() is { } example)
        {
            if (example.Request is not null && operation.RequestBody?.Content is { } requestContent)
            {
                foreach (var media in requestContent.Values)
                {
                    media.Example = JsonSerializer.SerializeToNode(example.Request, Json);
                }
            }
            if (example.Response is not null)
            {
                foreach (var (_, response) in operation.Responses.Where(r => r.Key.StartsWith('2')))
                {
                    if (response.Content is null)
                    {
                        continue;
                    }
                    foreach (var media in response.Content.Values)
                    {
                        media.Example = JsonSerializer.SerializeToNode(example.Response, Json);
                    }
                }
            }
        }
    }

    private static OpenApiParameter Query(string name, string description, JsonSchemaType type, object? example) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = type },
        Example = example is null ? null : JsonSerializer.SerializeToNode(example, Json),
    };
}

/// <summary>The endpoint is a cursor-paged list (cursor, limit, updated_after: 422 when invalid).</summary>
public sealed record PagedList;

/// <summary>The answer with this status is one of these types.</summary>
public sealed record OneOfResponse(int Status, IReadOnlyList<Type> Types);
