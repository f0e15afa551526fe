using Switchboard.Domain.Retries;

namespace Switchboard.UnitTests.Notifications;

public sealed class RetryScheduleTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void NextAttempt_DoublesFromTheFirstDelay_AndIsNoneOnceTheAttemptsAreUsedUp()
    {
        var schedule = new RetrySchedule(MaxAttempts: 4, FirstDelay: TimeSpan.FromSeconds(30));

        Assert.Equal(
            [Now.AddSeconds(30), Now.AddSeconds(60), Now.AddSeconds(120), null],
            Enumerable.Range(1, 4).Select(attempts => schedule.NextAttempt(attempts, Now)));
    }

    [Fact]
    public void Delay_StopsDoubling_AfterTenDoublings()
    {
        var schedule = new RetrySchedule(100, TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(1024), schedule.DelayAfter(11));
        Assert.Equal(TimeSpan.FromSeconds(1024), schedule.DelayAfter(50));
    }
}
