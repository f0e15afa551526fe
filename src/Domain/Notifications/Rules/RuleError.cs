namespace Switchboard.Domain.Notifications.Rules;

/// <summary>A problem in a rule's text, at a 1-based column.</summary>
public sealed record RuleError(int Column, string Message)
{
    public override string ToString() => $"{Message} at column {Column}";
}
