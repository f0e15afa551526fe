using Switchboard.Domain.People;

namespace Switchboard.Infrastructure.People;

/// <summary>Everything the person page shows; the Mattermost token itself is never part of it.</summary>
public sealed record PersonDetails(
    PersonDraft Draft,
    bool Deleted,
    DateTime? DeletedAt,
    DateTime UpdatedAt,
    IReadOnlyList<PersonLink> ManagerChain,
    IReadOnlyList<PersonLink> DirectReports,
    IReadOnlyList<RoleSummary> Roles,
    bool HasMattermostToken,
    DateTime? MattermostTokenCreatedAt,
    string? MattermostUserId);

public sealed record PersonLink(string Username, string DisplayName);
