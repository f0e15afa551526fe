using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.People;
using Switchboard.Portal.Api;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal.Features.People;

public static class PeopleApi
{
    public const int MaxPageSize = 500;

    public static void MapPeopleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/people", async ([AsParameters] PeopleQuery query, int? page, int? pageSize, PeopleService people, CancellationToken cancellationToken) =>
                TypedResults.Ok(await people.SearchAsync(query, Math.Max(page ?? 0, 0), Math.Clamp(pageSize ?? 50, 1, MaxPageSize), cancellationToken)))
            .WithName("ListPeople")
            .WithSummary("The directory, filtered and paged (page from 0), in username order.")
            .WithDescription(ApiPaging.Description)
            .RequireScope(ApiKeyScopes.ConfigRead);

        api.MapPut("/people/{username}", async Task<Results<Ok<DirectoryWriteSummary>, ValidationProblem>> (
                string username, PersonDraft person, HttpContext context, PeopleService people, CancellationToken cancellationToken) =>
                Answer(await people.SaveAsync(context.User, person with { Username = username }, cancellationToken)))
            .WithName("UpsertPerson")
            .WithSummary("Creates or updates one person; the username comes from the path.")
            .WithDescription(PersonShape)
            .RequireScope(ApiKeyScopes.PeopleWrite);

        api.MapPost("/people:batch", async Task<Results<Ok<DirectoryWriteSummary>, ValidationProblem>> (
                List<PersonDraft> batch, HttpContext context, PeopleService people, CancellationToken cancellationToken) =>
                Answer(await people.ImportAsync(context.User, batch, "API batch", cancellationToken)))
            .WithName("UpsertPeople")
            .WithSummary($"Creates or updates up to {DirectoryRules.MaxBatchSize} people at once: all or nothing.")
            .WithDescription("The body is a bare JSON array of people, no envelope: [{\"username\": \"a.b\", ...}, ...]. " + PersonShape
                + " 400 names each bad field as items[i].field (i from 0) and stores nothing.")
            .RequireScope(ApiKeyScopes.PeopleWrite);
    }

    private static readonly string PersonShape =
        "A person is {\"username\", \"email\", \"firstName\", \"lastName\", \"externalCode\", \"state\", \"disabled\", \"formProjection\", "
        + "\"manager\" (a username), \"roles\": [codes], \"attributes\": {code: text}, \"mattermostSyncEnabled\"}; every field it leaves out is cleared. "
        + $"At most {DirectoryRules.MaxRolesPerPerson} roles and {DirectoryRules.MaxAttributesPerPerson} attributes of {ExtendedAttributeValue.ValueMaxLength} characters each; "
        + "null is refused where a list, role code or attribute value belongs.";

    private static Results<Ok<DirectoryWriteSummary>, ValidationProblem> Answer(DirectoryWriteResult result) =>
        result.Succeeded
            ? TypedResults.Ok(new DirectoryWriteSummary(result.Created, result.Updated))
            : TypedResults.ValidationProblem(
                result.Errors.GroupBy(e => e.Field.Length == 0 ? $"items[{e.Index}]" : $"items[{e.Index}].{e.Field}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "Nothing was stored: the people below are not valid");
}

/// <summary>How many people a successful write created and updated.</summary>
public sealed record DirectoryWriteSummary(int Created, int Updated);
