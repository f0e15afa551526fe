namespace Switchboard.Domain.Events;

public static class EventTypes
{
    public const string Create = "CREATE";
    public const string Update = "UPDATE";
    public const string Delete = "DELETE";

    public static IReadOnlyList<string> All { get; } = [Create, Update, Delete];
}
