namespace Switchboard.Infrastructure.People;

/// <summary>The values the People filters offer, read from the directory itself.</summary>
public sealed record PeopleFilterOptions(IReadOnlyList<string> States, IReadOnlyList<string> FormProjections, IReadOnlyList<RoleSummary> Roles);
