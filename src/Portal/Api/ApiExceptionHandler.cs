using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Switchboard.Domain;
using Switchboard.Domain.Mattermost;
using Switchboard.Infrastructure.Access;

namespace Switchboard.Portal.Api;

/// <summary>
/// Turns the exceptions feature services throw on purpose, and the framework's own bad-request exceptions (a query value
/// or body that does not bind, a body too large), into problem details; anything else stays a 500.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            AccessDeniedException denied => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = denied.Message },
            TokenNotEligibleException refused => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Not eligible for a Mattermost token",
                Detail = refused.Message,
                Extensions = { ["reason"] = refused.Why.ToString() },
            },
            NotFoundException missing => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = missing.Message },
            BusyException busy => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Under way", Detail = busy.Message },
            ValidationException invalid => new HttpValidationProblemDetails(
                invalid.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid",
            },
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad => new HttpValidationProblemDetails(Errors(bad))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid",
            },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = Title(bad.StatusCode), Detail = bad.Message },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The framework says which parameter failed only in its message (<c>Failed to bind parameter "bool includeDeleted"
    /// from "maybe".</c>); a body that is not valid JSON for its type says where in the inner exception's path.
    /// </summary>
    private static Dictionary<string, string[]> Errors(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var path = json.Path?.TrimStart('$').TrimStart('.');
            return new() { [string.IsNullOrEmpty(path) ? "body" : path] = [Sentence(json.Message)] };
        }

        var name = ParameterName().Match(bad.Message) is { Success: true } match ? Camel(match.Groups["name"].Value) : "body";
        return new() { [name] = [bad.Message] };
    }

    // System.Text.Json appends the path and position to its message; the key already names the path.
    private static string Sentence(string message) => message.Split(" Path: ", 2)[0];

    // [AsParameters] properties are named in PascalCase; the query names them in camelCase.
    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Title(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Payload too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        _ => "Bad request",
    };

    [GeneratedRegex(@"parameter ""(?:[^""]* )?(?<name>\w+)""")]
    private static partial Regex ParameterName();
}
