using System.Diagnostics;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Notifications.Scripts;

namespace Switchboard.UnitTests.Notifications;

public sealed class ScriptSandboxTests
{
    private static readonly ScriptEvent StateChange = new("IdmIdentity", "UPDATE", "jnovak", null,
        new TemplateState(new Dictionary<string, string?> { ["state"] = "VALID" }, new Dictionary<string, string?> { ["clinicCode"] = "100" }),
        new TemplateState(new Dictionary<string, string?> { ["state"] = "LEFT" }, new Dictionary<string, string?> { ["clinicCode"] = "200" }),
        ["state", "EAV:clinicCode"]);

    private static JintNotificationScripts Sandbox(ScriptOptions? options = null) => new(Options.Create(options ?? new ScriptOptions()));

    [Fact]
    public void RuleScript_SeesTheEvent_AndDecides()
    {
        var scripts = Sandbox();

        Assert.True(scripts.Rule("event.before.attributes.state === 'VALID' && event.after.attributes.state === 'LEFT'", StateChange).Value);
        Assert.False(scripts.Rule("event.changed.includes('firstName')", StateChange).Value);
        Assert.True(scripts.Rule("event.after.eav.clinicCode === '200' && event.identity === 'jnovak'", StateChange).Value);
    }

    [Fact]
    public void InfiniteLoop_EndsWithinTheTimeLimit_AsAFailure()
    {
        var scripts = Sandbox(new ScriptOptions { Timeout = TimeSpan.FromMilliseconds(50), MaxStatements = int.MaxValue });
        var clock = Stopwatch.StartNew();

        var outcome = scripts.Rule("while (true) { }", StateChange);

        Assert.True(clock.ElapsedMilliseconds < 1000, $"took {clock.ElapsedMilliseconds} ms");
        Assert.Equal("the script ran longer than 50 ms", outcome.Error);
    }

    [Fact]
    public void DotNetTypes_AreUnreachable()
    {
        var scripts = Sandbox();

        Assert.Contains("System is not defined", scripts.Rule("System.IO.File.Exists('/etc/passwd')", StateChange).Error, StringComparison.Ordinal);
        Assert.Contains("importNamespace is not defined", scripts.Rule("importNamespace('System.IO')", StateChange).Error, StringComparison.Ordinal);
        Assert.True(scripts.Rule("typeof require === 'undefined' && typeof fetch === 'undefined'", StateChange).Value);
    }

    [Fact]
    public void StatementRecursionAndMemoryLimits_FailTheScript()
    {
        var scripts = Sandbox(new ScriptOptions { MaxStatements = 1000, MaxRecursionDepth = 20, MaxMemoryBytes = 1_000_000, Timeout = TimeSpan.FromSeconds(5) });

        Assert.Equal("the script ran more than 1000 statements", scripts.Rule("for (let i = 0; i < 100000; i++) { }", StateChange).Error);
        Assert.Equal("the script recursed deeper than 20 calls", scripts.Rule("function f(n) { return f(n + 1); } f(0)", StateChange).Error);
        Assert.Equal("the script allocated more than 1000000 bytes",
            Sandbox(new ScriptOptions { MaxMemoryBytes = 1_000_000, Timeout = TimeSpan.FromSeconds(5), MaxStatements = int.MaxValue })
                .Rule("const a = []; while (true) { a.push('x'.repeat(1000)); }", StateChange).Error);
    }

    [Fact]
    public void ThrowingOrNonBooleanRule_IsAFailureWithTheReason()
    {
        var scripts = Sandbox();

        Assert.Equal("the script threw: no (line 1)", scripts.Rule("throw new Error('no')", StateChange).Error);
        Assert.Equal("a rule script must end with true or false, it ended with string yes", scripts.Rule("'yes'", StateChange).Error);
        Assert.StartsWith("syntax error:", scripts.Rule("if (", StateChange).Error, StringComparison.Ordinal);
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

        var outcome = Sandbox().Recipients(
            "const me = directory.get(event.identity); [me.manager, ...directory.membersOf('hr'), 'audit@example.test']", StateChange, directory);

        Assert.Equal(["mboss", "hr1", "hr2", "audit@example.test"], outcome.Value);
    }

    [Fact]
    public void RecipientsScript_ReturningNonStrings_IsAFailure()
    {
        var outcome = Sandbox().Recipients("[1, 2]", StateChange, new FakeDirectory());

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
