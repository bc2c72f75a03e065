namespace HiringPlatform.ServiceDefaults.Http;

using System.Text.Json.Nodes;
using HiringPlatform.ServiceDefaults.Problems;
using Microsoft.OpenApi;

/// <summary>The problem+json error responses (RFC 9457) the documents describe, with an example per status.</summary>
public static partial class EndpointDocs
{
    private static string Describe(int status) => status switch
    {
        400 => "Malformed request: the body is not JSON of the expected shape.",
        401 => "No valid credentials (at the gateway).",
        403 => "The caller's role may not use this route, or may not act on this resource.",
        404 => "No such resource.",
        409 => "Conflicts with the resource's state (type `...:conflict`: the same request will not succeed), with a concurrent write "
            + "(`...:concurrent-change`: read the resource again and retry), or a request with the same Idempotency-Key is still "
            + "running (`...:request-in-progress`: retry the same request after Retry-After).",
        412 => "If-Match named a version that is no longer current.",
        413 => "The body is over the size limit.",
        422 => "Invalid input; `errors` lists every invalid field.",
        429 => "Rate limited; see Retry-After and RateLimit headers.",
        500 => "An unexpected error; it was logged with the trace id given.",
        503 => "A dependency (database or broker) is unavailable; retry after Retry-After seconds.",
        _ => "Error.",
    };

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details with a stable `type` per kind of error.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };

    private static JsonNode ProblemExample(int status, string? path)
    {
        var example = new JsonObject
        {
            ["type"] = status switch
            {
                412 => ProblemTypes.PreconditionFailed,
                _ => ProblemTypes.ForStatus(status),
            },
            ["title"] = Describe(status),
            ["status"] = status,
            ["instance"] = "/" + System.Text.RegularExpressions.Regex.Replace((path ?? "").Split('?')[0], ":[a-z]+}", "}"),
            ["traceId"] = "4bf92f3577b34da6a3ce929d0e0e4736",
        };
        if (status == 422)
        {
            example["errors"] = new JsonObject { ["name"] = new JsonArray("Required.") };
        }
        return example;
    }
}
