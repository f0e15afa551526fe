using System.Text.Json.Nodes;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// An <c>IdmIdentity</c> change as the identity-management system reports it: the event type, the username, and the
/// identity's attributes and extended attributes (EAV) after the change.
/// </summary>
public sealed record IdentityChange(string EventType, string Username, JsonObject? Attributes, JsonObject? ExtendedAttributes);
