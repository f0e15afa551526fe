using System.Text.Json.Nodes;
using Switchboard.Domain.Audit;

namespace Switchboard.UnitTests.Audit;

public sealed class AuditDiffTests
{
    private sealed record Settings(string Name, int Level, bool Disabled);

    [Fact]
    public void Between_ListsOnlyChangedFieldsWithBeforeAndAfter()
    {
        var diff = JsonNode.Parse(AuditDiff.Between(new Settings("a", 1, false), new Settings("a", 2, true)))!.AsObject();

        Assert.Equal(["disabled", "level"], diff.Select(p => p.Key).Order());
        Assert.Equal(1, diff["level"]!["before"]!.GetValue<int>());
        Assert.Equal(2, diff["level"]!["after"]!.GetValue<int>());
    }

    [Fact]
    public void Between_NothingChanged_IsEmptyObject() =>
        Assert.Equal("{}", AuditDiff.Between(new Settings("a", 1, false), new Settings("a", 1, false)));

    [Fact]
    public void Between_CreatedObject_HasNullBefore()
    {
        var diff = JsonNode.Parse(AuditDiff.Between(null, new Settings("new", 3, false)))!.AsObject();

        Assert.Null(diff["name"]!["before"]);
        Assert.Equal("new", diff["name"]!["after"]!.GetValue<string>());
    }

    private sealed record Person(string State, string? Email, string? Manager, string[] Roles);

    [Fact]
    public void Describe_WritesEachChangedFieldAsASentence()
    {
        var details = AuditDiff.Between(new Person("VALID", null, "anna", ["ops"]), new Person("LEFT", "b@example.test", null, ["ops", "admins"]));

        Assert.Equal(["set Email to b@example.test", "cleared Manager (was anna)", "changed Roles from [\"ops\"] to [\"ops\",\"admins\"]", "changed State from VALID to LEFT"],
            AuditDiff.Describe(details));
    }

    [Fact]
    public void Describe_CutsLongValues_TheStoredJsonKeepsThem()
    {
        var details = AuditDiff.Between(new Person("VALID", null, null, []), new Person("VALID", new string('x', 200), null, []));

        var line = Assert.Single(AuditDiff.Describe(details)!);
        Assert.Equal($"set Email to {new string('x', AuditDiff.ValueShownLength)}…", line);
        Assert.Contains(new string('x', 200), details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3 envelopes rerun")]
    [InlineData("{}")]
    [InlineData("{\"count\":3}")]
    [InlineData("{\"state\":{\"before\":1}}")]
    [InlineData("{not json")]
    public void Describe_DetailsThatAreNotADifference_AreLeftAsTheyAre(string? details) => Assert.Null(AuditDiff.Describe(details));
}
