using Microsoft.Playwright;

namespace Switchboard.BrowserTests.Rig;

/// <summary>
/// A new browser context per test; on failure a screenshot and a Playwright trace land in
/// <c>TestResults/browser</c> beside the portal's output.
/// </summary>
public abstract class BrowserTest(PortalRig rig) : IAsyncLifetime
{
    private static readonly string ArtifactFolder = Path.Combine(RepositoryRoot.Path, "TestResults", "browser");

    /// <summary>How long actions and web-first assertions wait: generous, so a loaded 2-core machine stays green.</summary>
    private const float WaitMilliseconds = 15_000;

    private readonly List<IBrowserContext> _otherSessions = [];
    private IBrowserContext? _context;

    protected PortalRig Rig => rig;
    protected IPage Page { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(WaitMilliseconds);
        _context = await rig.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = rig.PortalUrl });
        _context.SetDefaultTimeout(WaitMilliseconds);
        await _context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        Page = await _context.NewPageAsync();
    }

    /// <summary>A second person's browser session (own cookies), e.g. an Admin preparing what an Operator then acts on.</summary>
    protected async Task<IPage> OtherSessionAsync()
    {
        var context = await rig.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = rig.PortalUrl });
        context.SetDefaultTimeout(WaitMilliseconds);
        _otherSessions.Add(context);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var other in _otherSessions)
        {
            await other.DisposeAsync();
        }

        if (_context is null)
        {
            return;
        }

        var test = TestContext.Current.Test;
        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        if (failed && test is not null)
        {
            Directory.CreateDirectory(ArtifactFolder);
            var name = string.Concat(test.TestDisplayName.Split(Path.GetInvalidFileNameChars()));
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactFolder, $"{name}.png"), FullPage = true });
            await _context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(ArtifactFolder, $"{name}.trace.zip") });
            await File.WriteAllTextAsync(Path.Combine(ArtifactFolder, $"{name}.portal.log"), rig.PortalOutput);
        }
        else
        {
            await _context.Tracing.StopAsync();
        }

        await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
