namespace Switchboard.Domain.Notifications.DateWatches;

/// <summary>
/// A configuration that watches a date-valued attribute of identities instead of a change: a standard attribute
/// (<c>validTill</c>) or an EAV (<c>EAV:contractEnd</c>), and fires <see cref="OffsetDays"/> from that date (negative:
/// before it, 0: on the day, positive: after it), once per person and date value. As midPoint's scheduled triggers.
/// </summary>
public sealed record DateWatch(string Attribute, int OffsetDays)
{
    public const int AttributeMaxLength = 100;

    /// <summary>A year either way: further than that is a reminder, not a notification.</summary>
    public const int MaxOffsetDays = 366;

    public const string EavPrefix = "EAV:";

    /// <summary>Whether the attribute is an EAV (<c>EAV:code</c>); its code is <see cref="Code"/>.</summary>
    public bool IsEav => Attribute.StartsWith(EavPrefix, StringComparison.Ordinal);

    /// <summary>The attribute's name without the <c>EAV:</c> prefix.</summary>
    public string Code => IsEav ? Attribute[EavPrefix.Length..] : Attribute;

    /// <summary>The day a notification about <paramref name="date"/> is due.</summary>
    public DateOnly FireOn(DateOnly date) => date.AddDays(OffsetDays);

    public override string ToString() => OffsetDays switch
    {
        0 => $"on the day of {Attribute}",
        < 0 => $"{Days(-OffsetDays)} before {Attribute}",
        _ => $"{Days(OffsetDays)} after {Attribute}",
    };

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}
