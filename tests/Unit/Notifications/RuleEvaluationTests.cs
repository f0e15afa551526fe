using System.Text.Json;
using Switchboard.Domain.Notifications.Rules;

namespace Switchboard.UnitTests.Notifications;

public sealed class RuleEvaluationTests
{
    private static readonly Dictionary<string, string?> Nothing = [];

    private static EntityChange Change(
        Dictionary<string, string?>? before = null, Dictionary<string, string?>? after = null,
        Dictionary<string, string?>? beforeEav = null, Dictionary<string, string?>? afterEav = null) =>
        new(before ?? Nothing, after ?? Nothing, beforeEav ?? Nothing, afterEav ?? Nothing);

    private static bool Fires(string rule, EntityChange change) => RuleParser.Parse(rule).Rule!.Matches(change);

    [Fact]
    public void ExactTransition_FiresOnlyForThoseValues()
    {
        Assert.True(Fires("firstName:John->Johny", Change(new() { ["firstName"] = "John" }, new() { ["firstName"] = "Johny" })));
        Assert.False(Fires("firstName:John->Johny", Change(new() { ["firstName"] = "Jon" }, new() { ["firstName"] = "Johny" })));
        Assert.False(Fires("firstName:John->Johny", Change(new() { ["firstName"] = "john" }, new() { ["firstName"] = "Johny" })));
    }

    [Fact]
    public void EavRule_LooksAtExtendedAttributesNotStandardOnes()
    {
        var standard = Change(new() { ["clinicCode"] = "100" }, new() { ["clinicCode"] = "200" });
        var eav = Change(beforeEav: new() { ["clinicCode"] = "100" }, afterEav: new() { ["clinicCode"] = "200" });

        Assert.False(Fires("EAV:clinicCode:100->200", standard));
        Assert.True(Fires("EAV:clinicCode:100->200", eav));
    }

    [Fact]
    public void Wildcard_MatchesAnyValueIncludingNone_OnCreate()
    {
        Assert.True(Fires("EAV:supervisor:*->true", Change(afterEav: new() { ["supervisor"] = "true" })));
        Assert.True(Fires("EAV:supervisor:*->true", Change(beforeEav: new() { ["supervisor"] = "false" }, afterEav: new() { ["supervisor"] = "true" })));
    }

    [Fact]
    public void Rules_DescribeAChange_SoTheSameValueBeforeAndAfterDoesNotFire() =>
        Assert.False(Fires("EAV:supervisor:*->true", Change(beforeEav: new() { ["supervisor"] = "true" }, afterEav: new() { ["supervisor"] = "true" })));

    [Fact]
    public void NullTo_FiresWhenTheValueIsRemoved_AndOnDelete()
    {
        Assert.True(Fires("email:*->null", Change(new() { ["email"] = "a@b.c" }, new() { ["email"] = null })));
        Assert.True(Fires("email:*->null", Change(new() { ["email"] = "a@b.c" })));
        Assert.False(Fires("email:*->null", Change()));
    }

    [Fact]
    public void NullFrom_FiresWhenAValueAppears() =>
        Assert.True(Fires("state:null->VALID", Change(after: new() { ["state"] = "VALID" })));

    [Fact]
    public void Changed_FiresForAnyDifferenceOnly()
    {
        Assert.True(Fires("externalCode:CHANGED", Change(new() { ["externalCode"] = "1" }, new() { ["externalCode"] = "2" })));
        Assert.True(Fires("externalCode:CHANGED", Change(after: new() { ["externalCode"] = "1" })));
        Assert.False(Fires("externalCode:CHANGED", Change(new() { ["externalCode"] = "1" }, new() { ["externalCode"] = "1" })));
    }

    [Fact]
    public void Always_FiresEvenWithoutAnyChange() => Assert.True(Fires("!", Change()));

    [Fact]
    public void RuleText_TurnsNumbersBooleansAndListsIntoStringsAsDocumented()
    {
        using var json = JsonDocument.Parse("""{ "n": 100, "d": 1.50, "b": true, "roles": ["doctors", "heads"], "none": null, "s": "x" }""");

        var values = RuleText.OfObject(json.RootElement);

        Assert.Equal(("100", "1.50", "true", "doctors,heads", null, "x"), (values["n"], values["d"], values["b"], values["roles"], values["none"], values["s"]));
    }

    [Fact]
    public void WhyNot_SaysWhichSideOfTheTransitionDiffered()
    {
        var change = Change(new() { ["state"] = "VALID" }, new() { ["state"] = "DISABLED" });

        Assert.Equal("state: to value was 'DISABLED', needed LEFT", RuleParser.Parse("state:VALID->LEFT").Rule!.WhyNot(change));
        Assert.Equal("state: from value was 'VALID', needed LEFT", RuleParser.Parse("state:LEFT->*").Rule!.WhyNot(change));
        Assert.Equal("firstName did not change (stays no value)", RuleParser.Parse("firstName:CHANGED").Rule!.WhyNot(change));
    }
}
