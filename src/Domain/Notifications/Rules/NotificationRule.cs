namespace Switchboard.Domain.Notifications.Rules;

/// <summary>
/// A parsed notification rule. Rules describe a change: a transition or CHANGED rule fires only when the attribute's
/// value differs between before and after; <c>!</c> fires always.
/// </summary>
public abstract record NotificationRule
{
    public abstract bool Matches(EntityChange change);

    /// <summary>
    /// The attribute whose change the rule describes (<c>code</c> or <c>EAV:code</c>, as in a change's list of changed
    /// names), or null for a rule that fires without one (<c>!</c>). A watching rule cannot fire unless that attribute changed.
    /// </summary>
    public virtual string? Watches => null;

    /// <summary>Why the rule does not fire for a change it does not match, in words for the test bench.</summary>
    public abstract string WhyNot(EntityChange change);

    private protected static string Shown(string? value) => value is null ? "no value" : $"'{value}'";
}

internal static class RuleNames
{
    public static string Of(AttributeKind kind, string attribute) => kind == AttributeKind.Eav ? $"EAV:{attribute}" : attribute;
}

/// <summary><c>!</c>: fires for every event, without looking at any change.</summary>
public sealed record AlwaysRule : NotificationRule
{
    public override bool Matches(EntityChange change) => true;

    public override string WhyNot(EntityChange change) => "";

    public override string ToString() => "!";
}

/// <summary><c>[EAV:]attribute:CHANGED</c>: the value differs between before and after, whatever the values.</summary>
public sealed record ChangedRule(AttributeKind Kind, string Attribute) : NotificationRule
{
    public override string? Watches => RuleNames.Of(Kind, Attribute);

    public override bool Matches(EntityChange change)
    {
        var (before, after) = change.Values(Kind, Attribute);
        return !string.Equals(before, after, StringComparison.Ordinal);
    }

    public override string WhyNot(EntityChange change) => $"{RuleNames.Of(Kind, Attribute)} did not change (stays {Shown(change.Values(Kind, Attribute).After)})";

    public override string ToString() => $"{RuleNames.Of(Kind, Attribute)}:CHANGED";
}

/// <summary><c>[EAV:]attribute:from->to</c>: the value changed, from a value <see cref="From"/> matches to one <see cref="To"/> matches.</summary>
public sealed record TransitionRule(AttributeKind Kind, string Attribute, ValuePattern From, ValuePattern To) : NotificationRule
{
    public override string? Watches => RuleNames.Of(Kind, Attribute);

    public override bool Matches(EntityChange change)
    {
        var (before, after) = change.Values(Kind, Attribute);
        return !string.Equals(before, after, StringComparison.Ordinal) && From.Matches(before) && To.Matches(after);
    }

    public override string WhyNot(EntityChange change)
    {
        var (before, after) = change.Values(Kind, Attribute);
        var name = RuleNames.Of(Kind, Attribute);
        return string.Equals(before, after, StringComparison.Ordinal) ? $"{name} did not change (stays {Shown(after)})"
            : !From.Matches(before) ? $"{name}: from value was {Shown(before)}, needed {From}"
            : $"{name}: to value was {Shown(after)}, needed {To}";
    }

    public override string ToString() => $"{RuleNames.Of(Kind, Attribute)}:{From}->{To}";
}
