using Switchboard.Domain.People;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// What evaluation knows of the identity an event concerns: the directory's person when there is one, and what the
/// event itself says (an identity's CREATE may arrive before the directory has the person).
/// </summary>
internal sealed record IdentityFacts(string Username, Person? Person, string? Email, string? FirstName, string? LastName, string? ManagerUsername, string? FormProjection);
