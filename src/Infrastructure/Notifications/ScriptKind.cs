namespace Switchboard.Infrastructure.Notifications;

public enum ScriptKind
{
    Rule,
    Recipients,
}
