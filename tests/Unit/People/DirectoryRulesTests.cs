using Switchboard.Domain.People;

namespace Switchboard.UnitTests.People;

public sealed class DirectoryRulesTests
{
    private static PersonDraft P(string username, string? manager = null, string? email = null) =>
        new() { Username = username, Manager = manager, Email = email };

    private static readonly Dictionary<string, string?> EmptyDirectory = [];

    [Fact]
    public void CheckItems_MissingUsername_NamesTheItemAndField()
    {
        var errors = DirectoryRules.CheckItems([P("ok"), P(" ")]);

        var error = Assert.Single(errors);
        Assert.Equal((1, "username"), (error.Index, error.Field));
    }

    [Fact]
    public void CheckItems_DuplicateUsernameInBatch_IgnoringCase_IsRefusedAtTheSecondItem()
    {
        var errors = DirectoryRules.CheckItems([P("jnovak"), P("anna"), P("JNovak")]);

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Index);
        Assert.Contains("appears more than once", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.test")]
    [InlineData("space in@example.test")]
    public void CheckItems_MalformedEmail_IsRefused(string email) =>
        Assert.Equal("email", Assert.Single(DirectoryRules.CheckItems([P("jnovak", email: email)])).Field);

    [Fact]
    public void CheckItems_OwnManager_IsRefused() =>
        Assert.Equal("manager", Assert.Single(DirectoryRules.CheckItems([P("jnovak", manager: "JNOVAK")])).Field);

    [Fact]
    public void CheckItems_BadAttributeCode_NamesTheAttribute()
    {
        var draft = P("jnovak") with { Attributes = new Dictionary<string, string> { ["clinic code"] = "1" } };

        Assert.Equal("attributes.clinic code", Assert.Single(DirectoryRules.CheckItems([draft])).Field);
    }

    [Fact]
    public void CheckManagers_UnknownManager_IsRefused()
    {
        var error = Assert.Single(DirectoryRules.CheckManagers([P("jnovak", manager: "ghost")], EmptyDirectory));

        Assert.Equal((0, "manager"), (error.Index, error.Field));
        Assert.Contains("neither in the directory nor in this batch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckManagers_ManagerLaterInTheSameBatch_IsAccepted() =>
        Assert.Empty(DirectoryRules.CheckManagers([P("jnovak", manager: "boss"), P("boss")], EmptyDirectory));

    [Fact]
    public void CheckManagers_ManagerInTheDirectory_IsAccepted() =>
        Assert.Empty(DirectoryRules.CheckManagers([P("jnovak", manager: "boss")], new Dictionary<string, string?> { ["boss"] = null }));

    [Fact]
    public void CheckManagers_CycleWithinTheBatch_IsRefused()
    {
        var errors = DirectoryRules.CheckManagers([P("a", manager: "b"), P("b", manager: "c"), P("c", manager: "a")], EmptyDirectory);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Contains("loop of managers", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void CheckManagers_CycleThroughStoredPeople_IsRefused()
    {
        // Stored: boss → ceo → jnovak; the batch makes jnovak report to boss.
        var stored = new Dictionary<string, string?> { ["boss"] = "ceo", ["ceo"] = "jnovak" };

        var error = Assert.Single(DirectoryRules.CheckManagers([P("jnovak", manager: "boss")], stored));

        Assert.Equal("makes a loop of managers: jnovak → boss → ceo → jnovak", error.Message);
    }

    [Fact]
    public void CheckManagers_BatchBreaksAStoredLoop_IsAccepted()
    {
        // Stored chain would loop back to jnovak through ceo, but the batch moves ceo to report to nobody.
        var stored = new Dictionary<string, string?> { ["boss"] = "ceo" };

        Assert.Empty(DirectoryRules.CheckManagers([P("jnovak", manager: "boss"), P("ceo")], stored));
    }

    [Fact]
    public void CheckItems_NullItem_IsRefusedNamingTheItem()
    {
        var errors = DirectoryRules.CheckItems([P("ok"), null!]);

        Assert.Equal((1, ""), (Assert.Single(errors).Index, errors[0].Field));
    }

    [Fact]
    public void CheckItems_NullRolesOrRoleOrAttributes_AreRefusedNamingTheField()
    {
        var errors = DirectoryRules.CheckItems(
        [
            P("a") with { Roles = null! },
            P("b") with { Roles = ["ok", null!] },
            P("c") with { Attributes = null! },
            P("d") with { Attributes = new Dictionary<string, string> { ["x"] = null! } },
        ]);

        Assert.Equal(["0 roles", "1 roles", "2 attributes", "3 attributes.x"], errors.Select(e => $"{e.Index} {e.Field}"));
    }

    [Fact]
    public void CheckItems_MoreRolesOrAttributesThanAPersonHolds_IsRefused()
    {
        var roles = Enumerable.Range(0, DirectoryRules.MaxRolesPerPerson + 1).Select(i => $"role{i}").ToList();
        var attributes = Enumerable.Range(0, DirectoryRules.MaxAttributesPerPerson + 1).ToDictionary(i => $"a{i}", i => "v");

        var errors = DirectoryRules.CheckItems([P("a") with { Roles = roles }, P("b") with { Attributes = attributes }]);

        Assert.Equal(["roles", "attributes"], errors.Select(e => e.Field));
        Assert.Empty(DirectoryRules.CheckItems([P("a") with { Roles = roles[..DirectoryRules.MaxRolesPerPerson] }]));
    }
}
