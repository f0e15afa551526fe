using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Switchboard.Infrastructure;
using Switchboard.Portal.Api;
using Switchboard.Portal.Auth;
using Switchboard.Portal.Components;
using Switchboard.Portal.Features.Audit;
using Switchboard.Portal.Features.ChatOps;
using Switchboard.Portal.Features.Notifications;
using Switchboard.Portal.Features.People;
using Switchboard.Portal.Hosting;

namespace Switchboard.Portal;

public static class PortalPipeline
{
    public static WebApplication UsePortal(this WebApplication app)
    {
        // First: everything after it (HSTS, redirect URIs, Secure cookies, rate limits by address) sees the caller's
        // scheme and address, not the proxy's.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        var isApi = (HttpContext context) => context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments(MattermostHook.PathPrefix);

        // Machines get RFC 7807 problem details, never a sign-in redirect; people get pages. The pages' exception handler
        // sits on the main pipeline, not in a UseWhen branch: a branch forgets the app's routes, so re-executing the error path found no endpoint, the
        // fallback policy challenged the visitor again, and an anonymous visitor got a blank 500. API errors never reach
        // it: the API branch answers them first.
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = PageRoutes.Error,
                CreateScopeForErrors = true,
                StatusCodeSelector = ex => ex switch
                {
                    _ when SignInProviderUnreachable.Is(ex) => StatusCodes.Status503ServiceUnavailable,

                    // A query value that does not bind is the caller's mistake, not the server's.
                    BadHttpRequestException bad => bad.StatusCode,
                    _ => StatusCodes.Status500InternalServerError,
                },
            });
        }

        app.UseWhen(isApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(context => !isApi(context), pages =>
            pages.UseStatusCodePagesWithReExecute(PageRoutes.NotFound, createScopeForStatusCodePages: true));

        // Routing after the status code pages: the re-executed request for the Not found page is routed again
        // (routed before them, an unknown address re-executed into an empty 404).
        app.UseRouting();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(MachineApi.Prefix), api => api.UseApiRequestGuard());

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapPortalMetrics();
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(DependencyInjection.ReadyTag) })
            .AllowAnonymous();
        app.MapOpenApi().RequireAuthorization(PortalPolicies.SignedInOrApiKey);
        app.MapAuthEndpoints(app.Services.GetRequiredService<SignInMode>().Development && app.Environment.IsDevelopment());
        app.MapMachineApi();
        app.MapMattermostHook();
        app.MapPeopleExport();
        app.MapAuditExport();
        app.MapCodeListExport();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
