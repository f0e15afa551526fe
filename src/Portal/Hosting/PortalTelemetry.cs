using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Switchboard.Infrastructure.Telemetry;

namespace Switchboard.Portal.Hosting;

/// <summary>
/// OpenTelemetry: ASP.NET Core, HttpClient and Switchboard's own meters; exported over OTLP when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and scraped by Prometheus when <c>Metrics:PrometheusEnabled</c>.
/// Nothing is collected when neither is configured.
/// </summary>
public static class PortalTelemetry
{
    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();

        var prometheus = configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>()?.PrometheusEnabled ?? false;
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!prometheus && !otlp)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("switchboard"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(SwitchboardMetrics.MeterName);
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    public static WebApplication MapPortalMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.PrometheusEnabled)
        {
            return app;
        }

        // The gauges register their callbacks when created.
        app.Services.GetRequiredService<StoredStateGauges>();
        var expected = Encoding.UTF8.GetBytes($"Bearer {options.BearerToken}");
        app.UseWhen(context => context.Request.Path.Equals(options.PrometheusPath, StringComparison.OrdinalIgnoreCase) && options.BearerToken.Length > 0,
            scrape => scrape.Use(async (context, next) =>
            {
                var given = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
                if (!CryptographicOperations.FixedTimeEquals(given, expected))
                {
                    await Results.Problem("Send the configured Metrics:BearerToken as 'Authorization: Bearer <token>'.",
                        statusCode: StatusCodes.Status401Unauthorized, title: "Not authorised").ExecuteAsync(context);
                    return;
                }

                await next(context);
            }));
        app.MapPrometheusScrapingEndpoint(options.PrometheusPath).AllowAnonymous();
        return app;
    }
}
