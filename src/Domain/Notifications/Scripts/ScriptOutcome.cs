namespace Switchboard.Domain.Notifications.Scripts;

/// <summary>What a script returned, or why it failed (threw, broke a limit, returned the wrong kind of value).</summary>
public sealed record ScriptOutcome<T>(T? Value, string? Error)
{
    public bool Failed => Error is not null;
}

public static class ScriptOutcome
{
    public static ScriptOutcome<T> Of<T>(T value) => new(value, null);

    public static ScriptOutcome<T> Failure<T>(string error) => new(default, error);
}
