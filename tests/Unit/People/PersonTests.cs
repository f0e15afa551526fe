using Switchboard.Domain.People;

namespace Switchboard.UnitTests.People;

public sealed class PersonTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Apply_SetsRolesAndAttributesToExactlyTheDrafts()
    {
        var person = Person.Create("jnovak");
        var (admins, nurses, doctors) = (Role.Create("admins"), Role.Create("nurses"), Role.Create("doctors"));
        person.Apply(new PersonDraft { Username = "jnovak", Attributes = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } }, null, [admins, nurses], Now);

        person.Apply(new PersonDraft { Username = "jnovak", Attributes = new Dictionary<string, string> { ["b"] = "3" } }, null, [nurses, doctors], Now);

        Assert.Equal(["doctors", "nurses"], person.Roles.Select(r => r.Code).Order());
        var attribute = Assert.Single(person.Attributes);
        Assert.Equal(("b", "3"), (attribute.Code, attribute.Value));
    }

    [Fact]
    public void Apply_AfterDelete_BringsThePersonBack()
    {
        var person = Person.Create("jnovak");
        person.MarkDeleted(Now);

        person.Apply(new PersonDraft { Username = "jnovak" }, null, [], Now.AddDays(1));

        Assert.False(person.Deleted);
        Assert.Null(person.DeletedAt);
    }

    [Fact]
    public void UsernameKey_IgnoresCaseAndSurroundingSpace() =>
        Assert.Equal(Person.Create(" JNovak ").UsernameKey, Person.KeyOf("jnovak"));
}
