using MudBlazor;
using Switchboard.Portal.Features.ChatOps;

namespace Switchboard.ComponentTests.ChatOps;

/// <summary>The words <see cref="RetryCallsButton"/> shows after a retry, for one call and for a selection.</summary>
public sealed class RetryCallsButtonTests
{
    [Theory]
    [InlineData(1, 0, 0, "Nothing was sent: the call was already done or is being sent.", Severity.Info)]
    [InlineData(3, 0, 0, "Nothing was sent: the 3 calls were already done or are being sent.", Severity.Info)]
    [InlineData(1, 1, 0, "1 ticket opened.", Severity.Success)]
    [InlineData(3, 2, 1, "2 tickets opened, 1 failed again.", Severity.Warning)]
    public void Outcome_SaysHowManyCalls(int retried, int created, int failed, string text, Severity severity) =>
        Assert.Equal((text, severity), RetryCallsButton.Outcome(retried, created, failed));
}
