using System.Globalization;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Infrastructure.People;

namespace Switchboard.Portal.Features.Audit;

/// <summary>
/// The page of the object an audit entry is about, by the object types the services write: the one place that maps
/// them to <see cref="PageRoutes"/>. Null when the object has no page (an endpoint) or the entry names several objects.
/// </summary>
public static class AuditObjectLinks
{
    public static string? Href(string objectType, string? objectId)
    {
        var number = long.TryParse(objectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null;
        return (objectType, objectId) switch
        {
            (PeopleService.ObjectType, { } username) => PageRoutes.Person(username),
            ("role", { } code) => PageRoutes.PeopleWithRole(code),
            ("envelope", _) when number is { } envelope => PageRoutes.Envelope(envelope),
            ("message", _) when number is { } message => PageRoutes.Message(message),
            ("notification-configuration", _) when number is { } configuration and <= int.MaxValue => PageRoutes.Configuration((int)configuration),
            ("notification-code-lists", _) => PageRoutes.NotificationsTab("configurations"),
            ("topic", { } code) => PageRoutes.Topic(code),
            ("bridge", { } name) => PageRoutes.Bridge(name),
            (ChatOpsService.CallObjectType, _) when number is { } call => PageRoutes.ChatOpsCall(call),
            (ChatOpsService.CallObjectType, _) => PageRoutes.ChatOps,
            ("token-run", _) when number is { } run => PageRoutes.TokenRun(run),
            ("job", { } name) => PageRoutes.Job(name),
            ("listener", { } name) => PageRoutes.Listener(name),
            ("api-key", _) => PageRoutes.ApiKeys,
            ("session", _) => PageRoutes.Sessions,
            _ => null,
        };
    }
}
