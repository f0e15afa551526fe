namespace Switchboard.Domain.Notifications.Templates;

/// <summary>Whether a template parses; when not, the parser's message and where (1-based line and column).</summary>
public sealed record TemplateCheck(bool Valid, string? Error = null, int? Line = null, int? Column = null)
{
    public static TemplateCheck Ok { get; } = new(true);
}
