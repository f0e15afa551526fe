using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Switchboard.Infrastructure;
using Switchboard.Portal.Api;
using Switchboard.Portal.Auth;
using Switchboard.Portal.Features.ChatOps;
using Switchboard.Portal.Hosting;

namespace Switchboard.Portal;

public static class PortalServices
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddInfrastructure(builder.Configuration);
        services.AddPortalAuthentication(builder.Configuration);
        services.AddPortalTelemetry(builder.Configuration);
        services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReverseProxyOptions>, ReverseProxyOptionsValidator>();
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ForwardedHeadersSetup>();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<Components.QueryState>();

        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();

        // A query value or body that does not bind throws, so that ApiExceptionHandler can answer 400 naming it
        // (left to itself the framework answers an empty 400 in Production and a 500 in Development).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(options => options.AddDocumentTransformer<ApiKeySecurityTransformer>());
        return builder;
    }
}
