using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PartnerSpace.Domain.Observability;

namespace PartnerSpace.Web.Observability;

/// <summary>
/// Logs, metrics and traces (issue 9, item 6): JSON console logs when asked, and OpenTelemetry
/// exported through OTLP only when an endpoint is set. Without one no OpenTelemetry provider is
/// built, so nothing listens to the instruments and they cost a field read each.
/// </summary>
public static class ObservabilityExtensions
{
    /// <summary>The OTLP collector, e.g. <c>http://collector:4318</c>; the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> works too.</summary>
    public const string EndpointSetting = "PartnerSpace:Otlp:Endpoint";

    /// <summary><c>HttpProtobuf</c> (default, port 4318) or <c>Grpc</c> (port 4317), for <see cref="EndpointSetting"/>.</summary>
    public const string ProtocolSetting = "PartnerSpace:Otlp:Protocol";

    /// <summary><c>true</c>: one JSON object per log line on the console, for log collectors.</summary>
    public const string JsonLogsSetting = "PartnerSpace:Logging:Json";

    public const string ServiceName = "PartnerSpace";

    /// <summary>Npgsql's activity source and meter (PostgreSQL commands).</summary>
    public const string Npgsql = "Npgsql";

    public static IHostApplicationBuilder AddPartnerSpaceObservability(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;

        // This node's open circuits, for the metric and the organizers' live figures.
        builder.Services.AddScoped<CircuitHandler, CircuitCounter>();

        if (configuration.GetValue<bool>(JsonLogsSetting))
        {
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        var endpoint = configuration[EndpointSetting];
        var standard = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint) && string.IsNullOrWhiteSpace(standard))
        {
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithMetrics(m => m
                .AddMeter(PartnerSpaceTelemetry.Name, Npgsql)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(t => t
                .AddSource(PartnerSpaceTelemetry.Name, Npgsql)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/_framework") && !http.Request.Path.StartsWithSegments("/_content"))
                .AddHttpClientInstrumentation())
            .WithLogging(_ => { }, o =>
            {
                o.IncludeFormattedMessage = true;
                o.IncludeScopes = true;
            });

        if (string.IsNullOrWhiteSpace(endpoint))
        {
            // OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS…: the exporter reads the standard variables.
            otel.UseOtlpExporter();
        }
        else
        {
            var protocol = configuration.GetValue(ProtocolSetting, OtlpExportProtocol.HttpProtobuf);
            otel.UseOtlpExporter(protocol, new Uri(endpoint));
        }

        return builder;
    }
}

/// <summary>Counts the Blazor circuits open on this node.</summary>
internal sealed class CircuitCounter(PartnerSpaceTelemetry telemetry) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        telemetry.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        telemetry.CircuitClosed();
        return Task.CompletedTask;
    }
}
