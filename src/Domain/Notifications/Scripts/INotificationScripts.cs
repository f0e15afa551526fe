namespace Switchboard.Domain.Notifications.Scripts;

/// <summary>
/// Runs the JavaScript of rules by script and recipients by script in a sandbox with limits on time, statements,
/// recursion and memory, and stopped when the cancellation token (the caller's time budget) fires. A script that throws or breaks a limit gives a failed <see cref="ScriptOutcome{T}"/>, never
/// an exception.
/// </summary>
public interface INotificationScripts
{
    /// <summary>The script's syntax error with its line and column, or null when it parses.</summary>
    string? SyntaxError(string script);

    /// <summary>Runs a rule script: <c>event</c> is in scope, the script's completion value must be true or false.</summary>
    ScriptOutcome<bool> Rule(string script, ScriptEvent scriptEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a recipients script: <c>event</c> and <c>directory</c> are in scope, the completion value must be a
    /// username or e-mail address, or an array of them.
    /// </summary>
    ScriptOutcome<IReadOnlyList<string>> Recipients(
        string script, ScriptEvent scriptEvent, IScriptDirectory directory, CancellationToken cancellationToken = default);
}
