using Switchboard.Domain.Mattermost;

namespace Switchboard.UnitTests.Mattermost;

public sealed class TokenPlanTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    [Fact]
    public void NoToken_IsCreated() => Assert.Equal(TokenAction.Create, TokenPlan.For(false, null, Now, Week));

    [Fact]
    public void TokenWithoutExpiry_IsKept() => Assert.Equal(TokenAction.Keep, TokenPlan.For(true, null, Now, Week));

    [Theory]
    [InlineData(-1, TokenAction.Rotate)]   // expired yesterday
    [InlineData(3, TokenAction.Rotate)]    // expires within the week
    [InlineData(7, TokenAction.Rotate)]    // expires exactly at the window's edge
    [InlineData(8, TokenAction.Keep)]      // outside the window
    public void ExpiringTokens_AreRotated_WithinTheWindow(int daysLeft, TokenAction expected) =>
        Assert.Equal(expected, TokenPlan.For(true, Now.AddDays(daysLeft), Now, Week));

    [Fact]
    public void Reasons_SayWhatTheRunWouldDo()
    {
        Assert.Equal("no token stored", TokenPlan.Reason(TokenAction.Create, null, Now));
        Assert.Equal("token expired 2026-11-23 08:00 UTC", TokenPlan.Reason(TokenAction.Rotate, Now.AddDays(-1), Now));
        Assert.Equal("already has a token that does not expire", TokenPlan.Reason(TokenAction.Keep, null, Now));
    }

    [Fact]
    public void RunCounts_FollowTheOutcomes()
    {
        var run = TokenRun.Start("test", Now);

        foreach (var outcome in new[] { TokenOutcomeKind.Generated, TokenOutcomeKind.Generated, TokenOutcomeKind.Rotated, TokenOutcomeKind.NotFound, TokenOutcomeKind.Failed })
        {
            run.Count(outcome);
        }

        Assert.Equal((5, 2, 1, 1, 1), (run.Processed, run.Generated, run.Rotated, run.NotFound, run.Failed));
    }
}
