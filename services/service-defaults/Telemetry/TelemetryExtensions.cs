namespace HiringPlatform.ServiceDefaults.Telemetry;

using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

/// <summary>
/// Traces, metrics and logs from ASP.NET Core, HttpClient, YARP and the platform's own sources
/// (AddEventStore adds Marten and Npgsql, AddMessaging MassTransit). OTLP whenever OTEL_EXPORTER_OTLP_ENDPOINT is set (`./hiring up`
/// points it at its Aspire dashboard); spans on the console only with <c>Telemetry:ConsoleExporter=true</c>.
/// Background spans (the async daemon's polling, health checks) are not exported unless
/// <c>Telemetry:BackgroundSpans=true</c> (see <see cref="BackgroundSpanFilter"/>).
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The platform's own activity source and meter name.</summary>
    public const string PlatformSource = "HiringPlatform";

    public static readonly ActivitySource ActivitySource = new(PlatformSource);
    public static readonly Meter Meter = new(PlatformSource);

    /// <summary>Business events published, by type: loops planned, interviews scheduled, scorecards submitted...</summary>
    public static readonly Counter<long> IntegrationEventsPublished = Meter.CreateCounter<long>(
        "hiring.integration_events.published", unit: "{event}", description: "Integration events published by the outbox, by type.");

    /// <summary>How long calibration reports take, by outcome (completed / failed).</summary>
    public static readonly Histogram<double> CalibrationRunDuration = Meter.CreateHistogram<double>(
        "hiring.calibration.run.duration", unit: "s", description: "Time to compute one calibration report, by outcome.");

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var console = builder.Configuration.GetValue("Telemetry:ConsoleExporter", false);
        var background = builder.Configuration.GetValue("Telemetry:BackgroundSpans", false);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: builder.Configuration["OTEL_SERVICE_NAME"] ?? serviceName,
                serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                if (!background)
                {
                    tracing.AddProcessor(new BackgroundSpanFilter());
                }
                tracing
                    .AddAspNetCoreInstrumentation(options =>
                        options.Filter = context => background || !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                    .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = request =>
                        background || request.RequestUri?.AbsolutePath.StartsWith("/health", StringComparison.Ordinal) != true)
                    .AddSource("Yarp.ReverseProxy", PlatformSource);
                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(PlatformSource);
            });

        if (otlp)
        {
            otel.UseOtlpExporter();
        }
        return builder;
    }
}
