namespace Switchboard.Infrastructure.People;

/// <summary>What the People grid and <c>GET /api/people</c> filter by; empty fields do not filter.</summary>
/// <param name="Query">Part of a username, first or last name, or e-mail address (any case).</param>
/// <param name="HasToken">True: people with a stored Mattermost token; false: without one.</param>
public sealed record PeopleQuery(
    string? Query = null,
    string? State = null,
    string? Role = null,
    string? FormProjection = null,
    bool? SyncEnabled = null,
    bool? HasToken = null,
    bool IncludeDeleted = false);
