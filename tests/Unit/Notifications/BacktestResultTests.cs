using Switchboard.Infrastructure.Notifications;

namespace Switchboard.UnitTests.Notifications;

public sealed class BacktestResultTests
{
    private static readonly DateTime Since = new(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Difference_MoreEventsFewerRecipients_ReadsPlusEventsMinusRecipients()
    {
        var result = new BacktestResult(7, Since, 1000,
            new BacktestOutcome(20, ["a@example.test", "b@example.test"], 0, null),
            new BacktestOutcome(8, ["a@example.test", "c@example.test", "d@example.test", "e@example.test", "f@example.test"], 0, null));

        Assert.Equal("+12 events, \u22123 recipients", result.Difference);
        Assert.Equal(["b@example.test"], result.NewRecipients);
        Assert.Equal(["c@example.test", "d@example.test", "e@example.test", "f@example.test"], result.LostRecipients);
    }

    [Fact]
    public void Difference_RecipientsCompareIgnoringCase_AndNoChangeReadsPlusMinusZero()
    {
        var result = new BacktestResult(7, Since, 10,
            new BacktestOutcome(3, ["Boss@Example.test"], 0, null),
            new BacktestOutcome(3, ["boss@example.test"], 0, null));

        Assert.Equal("±0 events, ±0 recipients", result.Difference);
        Assert.Empty(result.NewRecipients);
        Assert.Empty(result.LostRecipients);
    }

    [Fact]
    public void NewConfiguration_WithoutSavedVersion_CountsEverythingAsNew()
    {
        var result = new BacktestResult(7, Since, 10, new BacktestOutcome(4, ["a@example.test", "b@example.test"], 1, "rule script: boom"), null);

        Assert.Equal("+4 events, +2 recipients", result.Difference);
        Assert.Equal(2, result.NewRecipients.Count);
        Assert.Empty(result.LostRecipients);
    }
}
