using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Switchboard.Domain.Mattermost;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Api;

/// <summary>Turns the exceptions feature services throw on purpose into problem details; anything else stays a 500.</summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
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
            KeyNotFoundException missing => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = missing.Message },
            ValidationException invalid => new HttpValidationProblemDetails(
                invalid.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid",
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
