namespace Switchboard.Domain.Provisioning;

/// <summary>What to do about a failure: which case it is, a title and the text for the support member.</summary>
public sealed record Guidance(GuidanceCase Case, string Title, string Text);
