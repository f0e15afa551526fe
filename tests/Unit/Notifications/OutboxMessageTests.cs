using Switchboard.Domain.Notifications;
using Switchboard.Domain.Retries;

namespace Switchboard.UnitTests.Notifications;

public sealed class OutboxMessageTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);

    private static OutboxMessage Message() =>
        OutboxMessage.Queue(1, 1, "t", NotificationLevel.Info, "a@example.test", "a", "s", "h", "t", Now);

    [Fact]
    public void Failures_BackOffExponentially_ThenTheMessageIsDead()
    {
        var message = Message();
        var delay = TimeSpan.FromSeconds(30);

        message.MarkFailed("down", Now, new RetrySchedule(3, delay));
        Assert.Equal((MessageStatus.Failed, Now.AddSeconds(30)), (message.Status, message.NextAttemptAt));
        message.MarkFailed("down", Now, new RetrySchedule(3, delay));
        Assert.Equal((MessageStatus.Failed, Now.AddSeconds(60)), (message.Status, message.NextAttemptAt));
        message.MarkFailed("still down", Now, new RetrySchedule(3, delay));

        Assert.Equal((MessageStatus.Dead, 3, "still down"), (message.Status, message.Attempts, message.LastError));
    }

    [Fact]
    public void Resend_BringsADeadMessageBackWithFreshAttempts()
    {
        var message = Message();
        message.MarkFailed("down", Now, new RetrySchedule(1, TimeSpan.FromSeconds(30)));

        message.Resend(Now.AddHours(1));

        Assert.Equal((MessageStatus.Pending, 0, Now.AddHours(1)), (message.Status, message.Attempts, message.NextAttemptAt));
    }

    [Fact]
    public void Claim_HoldsTheMessageUntilTheLeaseEnds_AndSendingReleasesIt()
    {
        var message = Message();

        message.Claim(Now, TimeSpan.FromMinutes(5));
        Assert.Equal(Now.AddMinutes(5), message.LeaseUntil);
        message.MarkSent("250 OK", Now.AddSeconds(1));

        Assert.Equal((MessageStatus.Sent, (DateTime?)null, "250 OK"), (message.Status, message.LeaseUntil, message.SmtpReply));
    }

    [Fact]
    public void EveryMessage_HasItsOwnStableMessageId()
    {
        var (first, second) = (Message(), Message());

        Assert.NotEqual(first.MessageId, second.MessageId);
        Assert.Matches("^<[0-9a-f]{32}@switchboard>$", first.MessageId);
    }
}
