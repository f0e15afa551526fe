using Microsoft.Playwright;

namespace Switchboard.BrowserTests.Rig;

/// <summary>
/// For a page that shows a snapshot (it is not live yet): the web-first expectation gets a short wait on the page as it
/// is, and when it fails the page is reloaded and the expectation tried again, until <see cref="Eventually"/>'s deadline.
/// </summary>
public static class SnapshotPages
{
    /// <summary>How long one try waits for the page as loaded before it is reloaded.</summary>
    public static readonly float TryMilliseconds = 5_000;

    public static Task ExpectAfterReloadsAsync(this IPage page, string what, Func<Task> expectation) =>
        Eventually.MatchesAsync(what, async () =>
        {
            try
            {
                await expectation();
                return null;
            }
            catch (PlaywrightException failed)
            {
                await page.ReloadAsync();
                return failed.Message;
            }
        }, failure => failure is null);
}
