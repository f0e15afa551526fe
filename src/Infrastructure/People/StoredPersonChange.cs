using Switchboard.Domain.People;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// A change to a person the caller read from the directory and checked against its rules: the person's row id and
/// <see cref="Person.UpdatedAt"/> as read, what they were (and whether they were marked deleted), and what they are to be.
/// </summary>
internal sealed record StoredPersonChange(int Id, DateTime ReadUpdatedAt, PersonDraft Was, bool WasDeleted, PersonDraft Wanted);
