namespace Switchboard.Infrastructure.Notifications;

/// <summary>What a script said about a sample event, in a line.</summary>
public sealed record ScriptTestResult(bool Succeeded, string Text);
