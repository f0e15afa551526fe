namespace Switchboard.Infrastructure.Notifications.Scripts;

/// <summary>The sandbox limits of rule and recipients scripts (<c>Notifications:Scripts</c>).</summary>
public sealed class ScriptOptions
{
    public const string SectionName = "Notifications:Scripts";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(50);
    public int MaxStatements { get; set; } = 100_000;
    public int MaxRecursionDepth { get; set; } = 64;
    public long MaxMemoryBytes { get; set; } = 4_000_000;
}
