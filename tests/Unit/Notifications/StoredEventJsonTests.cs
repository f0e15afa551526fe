using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Notifications;

namespace Switchboard.UnitTests.Notifications;

/// <summary>A stored event goes back to the test bench in the ingest API's JSON form and reads back as the same event.</summary>
public sealed class StoredEventJsonTests
{
    [Fact]
    public void StoredEvent_ReadsBackFromItsJson_WithEveryField()
    {
        var occurred = new DateTime(2026, 11, 30, 8, 15, 0, DateTimeKind.Utc);
        var stored = EntityEvent.Receive("evt-7", EntityTypes.SysProvisioningOperation, EventTypes.Update, "op-7", "jan.novak", "AD-main",
            occurred, """{"attributes":{"resultState":"RUNNING"}}""", """{"attributes":{"resultState":"EXCEPTION"},"eav":{"code":"1"}}""",
            "forwarder", DateTime.UtcNow);

        var (read, errors) = TestBenchService.ReadEvent(TestBenchService.EventJson(stored));

        Assert.Empty(errors);
        Assert.Equal(("evt-7", EntityTypes.SysProvisioningOperation, EventTypes.Update, "op-7", "jan.novak", "AD-main"),
            (read!.EventId, read.EntityType, read.EventType, read.EntityId, read.Identity, read.System));
        Assert.Equal(occurred, read.OccurredAt);
        Assert.Contains("RUNNING", read.Before, StringComparison.Ordinal);
        Assert.Contains("\"code\"", read.After, StringComparison.Ordinal);
    }

    [Fact]
    public void DeletedIdentity_HasNoAfter_AndNoSystem_InItsJson()
    {
        var stored = EntityEvent.Receive("evt-8", EntityTypes.IdmIdentity, EventTypes.Delete, "id-8", "ada", null, null,
            """{"attributes":{"state":"LEFT"}}""", null, "forwarder", DateTime.UtcNow);

        var json = TestBenchService.EventJson(stored);
        var (read, errors) = TestBenchService.ReadEvent(json);

        Assert.Empty(errors);
        Assert.Null(read!.After);
        Assert.Null(read.System);
        Assert.DoesNotContain("\"system\"", json, StringComparison.Ordinal);
    }
}
