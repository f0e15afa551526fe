namespace Switchboard.Portal.Features.People;

public sealed record PagedPeople(IReadOnlyList<PersonRow> Items, int TotalCount);
