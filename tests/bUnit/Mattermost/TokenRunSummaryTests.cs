using Bunit;
using Switchboard.Domain.Mattermost;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Portal.Features.Mattermost;

namespace Switchboard.ComponentTests.Mattermost;

public sealed class TokenRunSummaryTests : ComponentTestContext
{
    private static readonly DateTime Started = new(2026, 11, 30, 23, 0, 0, DateTimeKind.Utc);

    private static TokenRunRow Run(TokenRunStatus status, string? reason, int generated = 0, int failed = 0) =>
        new(7, "otto.operator", Started, Started.AddSeconds(2.5), status, reason, generated + failed + 1, generated, 0, 16, 1, failed);

    [Fact]
    public void FinishedRun_ShowsItsCountsAndDuration()
    {
        var summary = Render<TokenRunSummary>(p => p.Add(c => c.Run, Run(TokenRunStatus.Succeeded, null, generated: 3)));

        var text = summary.Find("[aria-label='Run summary']").TextContent;
        Assert.Contains("Run 7 by otto.operator finished", text, StringComparison.Ordinal);
        Assert.Contains("generated 3", text, StringComparison.Ordinal);
        Assert.Contains("had token 16", text, StringComparison.Ordinal);
        Assert.Contains("not found 1", text, StringComparison.Ordinal);
        Assert.Contains("(2.5 s)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SkippedRun_SaysWhy()
    {
        var summary = Render<TokenRunSummary>(p => p.Add(c => c.Run, Run(TokenRunStatus.Skipped, "user access tokens are disabled on the server")));

        Assert.Contains("Run 7 by otto.operator was skipped: user access tokens are disabled on the server",
            summary.Find("[aria-label='Run summary']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ClosingTheSummary_TellsThePage()
    {
        var closed = false;
        var summary = Render<TokenRunSummary>(p => p.Add(c => c.Run, Run(TokenRunStatus.Succeeded, null)).Add(c => c.Closed, () => closed = true));

        summary.Find("button").Click();

        Assert.True(closed);
    }
}
