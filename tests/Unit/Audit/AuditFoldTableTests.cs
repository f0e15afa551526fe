using Switchboard.Infrastructure.Audit;

namespace Switchboard.UnitTests.Audit;

public sealed class AuditFoldTableTests
{
    private static readonly DateTime Minute = new(2026, 11, 30, 23, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void SameKeySameMinute_CountsIntoTheWrittenEntry()
    {
        var table = new AuditFoldTable(10);
        Assert.Equal(new AuditFold(Minute, null, 1), table.Next("bridge-a", Minute));
        table.Remember("bridge-a", Minute, 42);

        Assert.Equal(new AuditFold(Minute, 42, 2), table.Next("bridge-a", Minute));
        Assert.Equal(new AuditFold(Minute, 42, 3), table.Next("bridge-a", Minute));
    }

    [Fact]
    public void NextMinute_StartsANewEntry()
    {
        var table = new AuditFoldTable(10);
        table.Next("bridge-a", Minute);
        table.Remember("bridge-a", Minute, 42);

        Assert.Equal(new AuditFold(Minute.AddMinutes(1), null, 1), table.Next("bridge-a", Minute.AddMinutes(1)));
    }

    [Fact]
    public void ManyDistinctKeys_NeverHoldMoreThanTheCapacity_AndPastMinutesGoFirst()
    {
        var table = new AuditFoldTable(100);
        for (var i = 0; i < 100; i++)
        {
            table.Next($"old-{i}", Minute);
        }

        for (var i = 0; i < 10_000; i++)
        {
            table.Next($"attacker-{i}", Minute.AddMinutes(1 + (i / 1_000)));
            Assert.InRange(table.Count, 0, 100);
        }

        // The current minute's keys are kept; a key seen again in its minute still counts.
        Assert.Equal(2, table.Next("attacker-9000", Minute.AddMinutes(10)).Count);
    }

    [Fact]
    public void Full_WithTheCurrentMinute_NewKeysAreNotRemembered_ButStillGetAnEntry()
    {
        var table = new AuditFoldTable(2);
        table.Next("a", Minute);
        table.Next("b", Minute);

        Assert.Equal(new AuditFold(Minute, null, 1), table.Next("c", Minute));
        Assert.Equal(new AuditFold(Minute, null, 1), table.Next("c", Minute));
        Assert.Equal(2, table.Count);
    }
}
