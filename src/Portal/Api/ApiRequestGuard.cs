using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Template;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Api;

/// <summary>
/// Runs for every <c>/api</c> request after routing and before authentication, so that a machine always gets problem
/// details and never the people's sign-in redirect: 404 for a path no machine endpoint serves, 405 (with <c>Allow</c>)
/// for a method the path does not take, 413 for a body above <see cref="MaxBodyBytes"/>, and routing's own 415 (content
/// type) passes without a session (it carries no authorization metadata, so the pages' fallback policy would
/// otherwise send it to sign-in).
/// </summary>
internal static class ApiRequestGuard
{
    /// <summary>The largest body any machine endpoint reads; the batch endpoints' own limits are lower.</summary>
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly AllowAnonymousAttribute Anonymous = new();

    // Routing's own endpoint for a content type no candidate accepts (AcceptsMatcherPolicy).
    private const string UnsupportedMediaTypeEndpoint = "415 HTTP Unsupported Media Type";

    public static IApplicationBuilder UseApiRequestGuard(this IApplicationBuilder app)
    {
        // Read on first use: the endpoints are mapped after the middleware is added.
        var routes = new Lazy<List<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)>>(() => MachineRoutes(app.ApplicationServices));
        return app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            if (endpoint?.Metadata.GetMetadata<RequiredScope>() is null)
            {
                if (Allowed(routes.Value, context.Request.Path) is not { Count: > 0 } allowed)
                {
                    await WriteAsync(context, StatusCodes.Status404NotFound, "Not found",
                        $"There is no machine endpoint {context.Request.Path}; see /openapi/v1.json.");
                    return;
                }

                if (endpoint is { DisplayName: UnsupportedMediaTypeEndpoint })
                {
                    // Routing's 415 for one of our endpoints: let it answer without a session.
                    context.SetEndpoint(new Endpoint(endpoint.RequestDelegate, new EndpointMetadataCollection([.. endpoint.Metadata, Anonymous]), endpoint.DisplayName));
                }
                else
                {
                    if (allowed.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
                    {
                        // The path's shape is right but a value is not (an id that is not a number).
                        await WriteAsync(context, StatusCodes.Status404NotFound, "Not found", $"There is no {context.Request.Path}.");
                        return;
                    }

                    context.Response.Headers.Allow = string.Join(", ", allowed);
                    await WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed",
                        $"{context.Request.Path} takes {string.Join(", ", allowed)}, not {context.Request.Method}.");
                    return;
                }
            }

            if (context.Request.ContentLength > MaxBodyBytes)
            {
                await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload too large",
                    $"The body is larger than {MaxBodyBytes / 1024 / 1024} MiB.");
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBodyBytes;
            }

            await next(context);
        });
    }

    private static List<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)> MachineRoutes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<RequiredScope>() is not null && e.RoutePattern.RawText is not null)
            .Select(e => (new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText!), new RouteValueDictionary()),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .ToList();

    /// <returns>The methods machine endpoints take on this path (route constraints aside); empty when none serves it.</returns>
    private static List<string> Allowed(List<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)> routes, PathString path) =>
        routes.Where(r => r.Matcher.TryMatch(path, new RouteValueDictionary())).SelectMany(r => r.Methods).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();

    private static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
