namespace Switchboard.Domain.People;

/// <summary>One problem with one item of a directory change: which item (0-based), which field, and what is wrong.</summary>
public sealed record DirectoryError(int Index, string Field, string Message)
{
    public override string ToString() => $"item {Index}, {Field}: {Message}";
}
