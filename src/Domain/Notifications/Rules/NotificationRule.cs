namespace Switchboard.Domain.Notifications.Rules;

/// <summary>
/// A parsed notification rule. Rules describe a change: a transition or CHANGED rule fires only when the attribute's
/// value differs between before and after; <c>!</c> fires always.
/// </summary>
public abstract record NotificationRule
{
    public abstract bool Matches(EntityChange change);
}

/// <summary><c>!</c>: fires for every event, without looking at any change.</summary>
public sealed record AlwaysRule : NotificationRule
{
    public override bool Matches(EntityChange change) => true;

    public override string ToString() => "!";
}

/// <summary><c>[EAV:]attribute:CHANGED</c>: the value differs between before and after, whatever the values.</summary>
public sealed record ChangedRule(AttributeKind Kind, string Attribute) : NotificationRule
{
    public override bool Matches(EntityChange change)
    {
        var (before, after) = change.Values(Kind, Attribute);
        return !string.Equals(before, after, StringComparison.Ordinal);
    }

    public override string ToString() => $"{(Kind == AttributeKind.Eav ? "EAV:" : "")}{Attribute}:CHANGED";
}

/// <summary><c>[EAV:]attribute:from->to</c>: the value changed, from a value <see cref="From"/> matches to one <see cref="To"/> matches.</summary>
public sealed record TransitionRule(AttributeKind Kind, string Attribute, ValuePattern From, ValuePattern To) : NotificationRule
{
    public override bool Matches(EntityChange change)
    {
        var (before, after) = change.Values(Kind, Attribute);
        return !string.Equals(before, after, StringComparison.Ordinal) && From.Matches(before) && To.Matches(after);
    }

    public override string ToString() => $"{(Kind == AttributeKind.Eav ? "EAV:" : "")}{Attribute}:{From}->{To}";
}
