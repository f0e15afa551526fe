namespace Switchboard.Domain.People;

/// <summary>A role of the identity-management system (a code list entry), held by any number of people.</summary>
public sealed class Role
{
    public const int CodeMaxLength = 100;
    public const int NameMaxLength = 200;

    private Role()
    {
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public List<Person> Members { get; private set; } = [];

    /// <summary>A role first seen on a person (from an event, the API or CSV) is named after its code until renamed.</summary>
    public static Role Create(string code, string? name = null) =>
        new() { Code = code.Trim(), Name = string.IsNullOrWhiteSpace(name) ? code.Trim() : name.Trim() };

    public void Rename(string name) => Name = name.Trim();
}
