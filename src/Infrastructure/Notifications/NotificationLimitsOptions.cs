namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// What one configuration may cost for one event (<c>Notifications:Limits</c>): how long it may take in all (rule
/// script, recipients script and every rendering together), how many people it may write to, how much a template may
/// compute and how long a rendered part may be. A configuration that breaks a limit fails for that event and sends
/// nothing; the other configurations and events go on.
/// </summary>
public sealed class NotificationLimitsOptions
{
    public const string SectionName = "Notifications:Limits";

    /// <summary>Time one configuration may take for one event, scripts and rendering included.</summary>
    public TimeSpan TimePerConfiguration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Recipients one configuration may write to for one event (after duplicates and skipped people are left out).</summary>
    public int MaxRecipients { get; set; } = 200;

    /// <summary>Liquid steps (statements, loop iterations) one rendering of a template may take.</summary>
    public int TemplateMaxSteps { get; set; } = 100_000;

    /// <summary>How deep Liquid may nest (includes, nested blocks).</summary>
    public int TemplateMaxRecursion { get; set; } = 32;

    /// <summary>Characters a rendered subject, HTML body or text body may have.</summary>
    public int MaxRenderedCharacters { get; set; } = 1_000_000;
}
