namespace Switchboard.Domain.Notifications.Rules;

/// <summary>Either a rule, or every problem found in its text.</summary>
public sealed record RuleParseResult(NotificationRule? Rule, IReadOnlyList<RuleError> Errors)
{
    public bool Succeeded => Rule is not null;
}
