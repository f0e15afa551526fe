using System.Diagnostics;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Listeners;
using Switchboard.Infrastructure.Notifications.Scripts;

namespace Switchboard.UnitTests.Notifications;

public sealed class ScriptSandboxTests
{
    private static readonly ScriptEvent StateChange = new("IdmIdentity", "UPDATE", "jnovak", null,
        new TemplateState(new Dictionary<string, string?> { ["state"] = "VALID" }, new Dictionary<string, string?> { ["clinicCode"] = "100" }),
        new TemplateState(new Dictionary<string, string?> { ["state"] = "LEFT" }, new Dictionary<string, string?> { ["clinicCode"] = "200" }),
        ["state", "EAV:clinicCode"]);

    /// <summary>For tests of what a script sees, not of its limits: a loaded test machine must not make them time out.</summary>
    private static readonly ScriptOptions Unhurried = new() { Timeout = TimeSpan.FromSeconds(10) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JintNotificationScripts Sandbox(ScriptOptions? options = null) => new(Options.Create(options ?? new ScriptOptions()));

    [Fact]
    public void RuleScript_SeesTheEvent_AndDecides()
    {
        var scripts = Sandbox(Unhurried);

        Assert.True(scripts.Rule("event.before.attributes.state === 'VALID' && event.after.attributes.state === 'LEFT'", StateChange, Ct).Value);
        Assert.False(scripts.Rule("event.changed.includes('firstName')", StateChange, Ct).Value);
        Assert.True(scripts.Rule("event.after.eav.clinicCode === '200' && event.identity === 'jnovak'", StateChange, Ct).Value);
    }

    [Fact]
    public void InfiniteLoop_EndsWithinTheTimeLimit_AsAFailure()
    {
        var scripts = Sandbox(new ScriptOptions { Timeout = TimeSpan.FromMilliseconds(50), MaxStatements = int.MaxValue });
        var clock = Stopwatch.StartNew();

        var outcome = scripts.Rule("while (true) { }", StateChange, Ct);

        Assert.True(clock.ElapsedMilliseconds < 1000, $"took {clock.ElapsedMilliseconds} ms");
        Assert.Equal("the script ran longer than 50 ms", outcome.Error);
    }

    [Fact]
    public void DotNetTypes_AreUnreachable()
    {
        var scripts = Sandbox();

        Assert.Contains("System is not defined", scripts.Rule("System.IO.File.Exists('/etc/passwd')", StateChange, Ct).Error, StringComparison.Ordinal);
        Assert.Contains("importNamespace is not defined", scripts.Rule("importNamespace('System.IO')", StateChange, Ct).Error, StringComparison.Ordinal);
        Assert.True(scripts.Rule("typeof require === 'undefined' && typeof fetch === 'undefined'", StateChange, Ct).Value);
    }

    [Fact]
    public void StatementRecursionAndMemoryLimits_FailTheScript()
    {
        var scripts = Sandbox(new ScriptOptions { MaxStatements = 1000, MaxRecursionDepth = 20, MaxMemoryBytes = 1_000_000, Timeout = TimeSpan.FromSeconds(5) });

        Assert.Equal("the script ran more than 1000 statements", scripts.Rule("for (let i = 0; i < 100000; i++) { }", StateChange, Ct).Error);
        Assert.Equal("the script recursed deeper than 20 calls", scripts.Rule("function f(n) { return f(n + 1); } f(0)", StateChange, Ct).Error);
        Assert.Equal("the script allocated more than 1000000 bytes",
            Sandbox(new ScriptOptions { MaxMemoryBytes = 1_000_000, Timeout = TimeSpan.FromSeconds(5), MaxStatements = int.MaxValue })
                .Rule("const a = []; while (true) { a.push('x'.repeat(1000)); }", StateChange, Ct).Error);
    }

    [Fact]
    public void CatastrophicRegex_EndsWithinTheTimeLimit_AsAFailure()
    {
        var scripts = Sandbox(new ScriptOptions { Timeout = TimeSpan.FromMilliseconds(50) });
        var clock = Stopwatch.StartNew();

        var outcome = scripts.Rule("/^(a+)+$/.test('a'.repeat(32) + '!')", StateChange, Ct);

        Assert.True(clock.ElapsedMilliseconds < 2000, $"took {clock.ElapsedMilliseconds} ms");
        Assert.True(outcome.Failed);
        Assert.Contains("50 ms", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeStringInOneCall_FailsBeforeItIsAllocated()
    {
        var scripts = Sandbox(new ScriptOptions { MaxMemoryBytes = 4_000_000, Timeout = TimeSpan.FromSeconds(5) });
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var repeat = scripts.Rule("'x'.repeat(2 ** 27).length > 0", StateChange, Ct);
        var pad = scripts.Rule("''.padEnd(2 ** 27, 'x').length > 0", StateChange, Ct);
        var join = scripts.Rule("new Array(2 ** 27).join('x').length > 0", StateChange, Ct);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal("the script allocated more than 4000000 bytes", repeat.Error);
        Assert.Equal("the script allocated more than 4000000 bytes", pad.Error);
        Assert.Equal("the script allocated more than 4000000 bytes", join.Error);
        Assert.True(allocated < 64_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void ThrowingOrNonBooleanRule_IsAFailureWithTheReason()
    {
        var scripts = Sandbox();

        Assert.Equal("the script threw: no (line 1)", scripts.Rule("throw new Error('no')", StateChange, Ct).Error);
        Assert.Equal("a rule script must end with true or false, it ended with string yes", scripts.Rule("'yes'", StateChange, Ct).Error);
        Assert.StartsWith("syntax error:", scripts.Rule("if (", StateChange, Ct).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxError_NamesLineAndColumn()
    {
        var error = Sandbox().SyntaxError("const a = 1;\nif (a > ) { }");

        Assert.NotNull(error);
        Assert.Contains("2:", error, StringComparison.Ordinal);
        Assert.Null(Sandbox().SyntaxError("event.changed.length > 0"));
    }

    [Fact]
    public void RecipientsScript_UsesTheDirectory_AndReturnsNames()
    {
        var directory = new FakeDirectory();

        var outcome = Sandbox(Unhurried).Recipients(
            "const me = directory.get(event.identity); [me.manager, ...directory.membersOf('hr'), 'audit@example.test']", StateChange, directory, Ct);

        Assert.True(outcome.Error is null, outcome.Error);
        Assert.Equal(["mboss", "hr1", "hr2", "audit@example.test"], outcome.Value);
    }

    [Fact]
    public void RecipientsScript_ReturningNonStrings_IsAFailure()
    {
        var outcome = Sandbox().Recipients("[1, 2]", StateChange, new FakeDirectory(), Ct);

        Assert.Equal("a recipients script returned number 1 in its array; only strings are recipients", outcome.Error);
    }

    private sealed class FakeDirectory : IScriptDirectory
    {
        public ScriptPerson? Find(string username) => username == "jnovak"
            ? new ScriptPerson("jnovak", "jan@example.test", "Jan", "Novák", "mboss", null, "VALID", false, ["doctor"], new Dictionary<string, string>())
            : null;

        public IReadOnlyList<string> MembersOf(string role) => role == "hr" ? ["hr1", "hr2"] : [];
    }
}
