namespace HiringPlatform.ServiceDefaults;

using System.Text.Json.Serialization;
using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

/// <summary>
/// What every host of the platform has: OpenTelemetry, health endpoints in every environment,
/// RFC 9457 problem details for every error, and JSON conventions.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.AddTelemetry(serviceName);

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemTypes.Customize);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Malformed bodies throw so the exception handler can name the field, in every environment.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        // Each service describes its API at /openapi/v1.json; the gateway serves them together.
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = $"HiringPlatform {serviceName}";
                document.Info.Description = "Behind the gateway: authenticate there (OIDC bearer token or X-Api-Key); errors are "
                    + "RFC 9457 problem+json with a stable `type`; POSTs accept an Idempotency-Key; updates honour an optional "
                    + "If-Match (412 when stale); lists page with `cursor`, `limit` and `updated_after` and answer `{ items, next, hasMore }`.";
                Http.EndpointDocs.Describe(document);
                return Task.CompletedTask;
            });
            // Per endpoint: roles, error responses and examples (see Http/EndpointDocs).
            options.AddOperationTransformer(Http.EndpointDocs.Transform);
            // Per schema: required and formats exactly as the JSON is written.
            options.AddSchemaTransformer(Http.EndpointDocs.TransformSchema);
        });
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        return builder;
    }

    /// <summary>The exception handler, status-code pages and health endpoints, in that order.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app, bool mapOpenApi = true)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (mapOpenApi)
        {
            app.MapOpenApi("/openapi/v1.json").AllowAnonymous();
        }
        // What the host's other defaults add after the problem handling (the event store's text and Idempotency-Key checks).
        foreach (var step in app.Services.GetServices<RequestPipelineStep>())
        {
            step.Use(app);
        }
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            // Everything but the liveness probe: PostgreSQL, the bus, and Marten's async daemon.
            Predicate = check => !check.Tags.Contains(LiveTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }
}

/// <summary>
/// Middleware that defaults added beside these (e.g. AddEventStore) put into every request's pipeline,
/// right after the exception handler and status-code pages, in registration order: UseServiceDefaults runs them.
/// </summary>
public sealed record RequestPipelineStep(string Name, Action<IApplicationBuilder> Use);
