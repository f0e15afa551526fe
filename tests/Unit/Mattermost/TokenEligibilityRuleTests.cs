using Switchboard.Domain.Mattermost;
using Switchboard.Domain.People;

namespace Switchboard.UnitTests.Mattermost;

public sealed class TokenEligibilityRuleTests
{
    private static readonly TokenEligibilityRule Rule = new(["LEFT", "DISABLED"]);

    [Fact]
    public void ActivePersonWithSync_IsEligible() =>
        Assert.Equal(TokenIneligibility.None, Rule.Check(syncEnabled: true, disabled: false, deleted: false, state: "VALID"));

    [Fact]
    public void PersonWithoutState_IsEligible() =>
        Assert.Equal(TokenIneligibility.None, Rule.Check(syncEnabled: true, disabled: false, deleted: false, state: null));

    [Fact]
    public void DisabledPerson_IsNotEligible() =>
        Assert.Equal(TokenIneligibility.Disabled, Rule.Check(syncEnabled: true, disabled: true, deleted: false, state: "VALID"));

    [Fact]
    public void DeletedPerson_IsNotEligible() =>
        Assert.Equal(TokenIneligibility.Deleted, Rule.Check(syncEnabled: true, disabled: false, deleted: true, state: "VALID"));

    [Fact]
    public void SyncOff_IsNotEligible() =>
        Assert.Equal(TokenIneligibility.SyncOff, Rule.Check(syncEnabled: false, disabled: false, deleted: false, state: "VALID"));

    [Theory]
    [InlineData("LEFT")]
    [InlineData("left")]
    [InlineData(" Left ")]
    [InlineData("DISABLED")]
    public void LeaverState_IsNotEligible_WhateverItsCase(string state) =>
        Assert.Equal(TokenIneligibility.LeaverState, Rule.Check(syncEnabled: true, disabled: false, deleted: false, state));

    [Fact]
    public void LeaverStates_AreConfigurable()
    {
        var rule = new TokenEligibilityRule(["RETIRED"]);

        Assert.Equal(TokenIneligibility.LeaverState, rule.Check(true, false, false, "retired"));
        Assert.Equal(TokenIneligibility.None, rule.Check(true, false, false, "LEFT"));
    }

    [Fact]
    public void Reasons_SayWhy()
    {
        Assert.Equal("disabled", TokenEligibilityRule.Describe(TokenIneligibility.Disabled, "VALID"));
        Assert.Equal("state LEFT is a leaver state", TokenEligibilityRule.Describe(TokenIneligibility.LeaverState, "LEFT"));
        Assert.Contains("disabled", new TokenNotEligibleException("eva", TokenIneligibility.Disabled, null).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false, false, "VALID")]
    [InlineData(true, false, false, null)]
    [InlineData(true, true, false, "VALID")]
    [InlineData(true, false, true, "VALID")]
    [InlineData(false, false, false, "VALID")]
    [InlineData(true, false, false, "left")]
    [InlineData(true, false, false, "DISABLED")]
    public void QueryForm_AgreesWithTheRule(bool sync, bool disabled, bool deleted, string? state)
    {
        var person = Person.Create("someone");
        person.Apply(new PersonDraft { Username = "someone", State = state, Disabled = disabled, MattermostSyncEnabled = sync }, null, [], DateTime.UtcNow);
        if (deleted)
        {
            person.MarkDeleted(DateTime.UtcNow);
        }

        Assert.Equal(Rule.Check(person) == TokenIneligibility.None, Rule.Eligible().Compile()(person));
    }
}
