namespace Switchboard.Domain.People;

/// <summary>One extended attribute (EAV) of a person: a code and its string value.</summary>
public sealed class ExtendedAttributeValue
{
    public const int CodeMaxLength = 100;
    public const int ValueMaxLength = 2000;

    private ExtendedAttributeValue()
    {
    }

    public int PersonId { get; private set; }
    public string Code { get; private set; } = "";
    public string Value { get; private set; } = "";

    public static ExtendedAttributeValue Create(string code, string value) => new() { Code = code, Value = value };

    public void SetValue(string value) => Value = value;
}
