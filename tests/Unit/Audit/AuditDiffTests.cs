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
}
