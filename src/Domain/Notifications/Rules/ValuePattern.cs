namespace Switchboard.Domain.Notifications.Rules;

/// <summary>One side of a transition: <c>*</c> (any value, or none), <c>null</c> (no value) or an exact value.</summary>
public sealed record ValuePattern
{
    private ValuePattern(ValuePatternKind kind, string? value) => (Kind, Value) = (kind, value);

    public static ValuePattern Any { get; } = new(ValuePatternKind.Any, null);
    public static ValuePattern Null { get; } = new(ValuePatternKind.Null, null);

    public ValuePatternKind Kind { get; }
    public string? Value { get; }

    public static ValuePattern Exactly(string value) => new(ValuePatternKind.Exact, value);

    /// <summary>Exact comparison is ordinal and case-sensitive.</summary>
    public bool Matches(string? actual) => Kind switch
    {
        ValuePatternKind.Any => true,
        ValuePatternKind.Null => actual is null,
        _ => string.Equals(actual, Value, StringComparison.Ordinal),
    };

    public override string ToString() => Kind switch
    {
        ValuePatternKind.Any => "*",
        ValuePatternKind.Null => "null",
        _ => NeedsQuotes(Value!) ? $"\"{Value!.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : Value!,
    };

    private static bool NeedsQuotes(string value) =>
        value.Length == 0 || value is "*" or "null" or "CHANGED" || value.Contains("->", StringComparison.Ordinal)
        || value.Contains(':', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) || value.Trim() != value;
}

public enum ValuePatternKind
{
    Any,
    Null,
    Exact,
}
