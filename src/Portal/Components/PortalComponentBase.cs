using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor;
using Switchboard.Domain;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Changes;
using Switchboard.Portal.Auth;
using ValidationException = FluentValidation.ValidationException;

namespace Switchboard.Portal.Components;

/// <summary>
/// Base of every page and component that calls a feature service. It gives the signed-in user, a token cancelled when the
/// component goes away (<see cref="Aborted"/>, instead of <see cref="CancellationToken.None"/>), and one way to run an
/// action the server may refuse: a refusal becomes a snackbar, validation failures go to the form, and work abandoned
/// because the user left the page ends quietly. Pages that show changing state follow the change feed with
/// <see cref="RefreshOn"/>.
/// </summary>
public abstract partial class PortalComponentBase : ComponentBase, IDisposable
{
    /// <summary>How often at most a live page reads again while changes keep coming.</summary>
    public static readonly TimeSpan LiveRefreshInterval = LiveReads.Interval;

    private readonly CancellationTokenSource _aborted = new();
    private readonly List<ThrottledRefresh> _live = [];

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    // Resolved when a page goes live, so that components that never do need nothing more than before.
    [Inject] private IServiceProvider Services { get; set; } = default!;

    /// <summary>Cancelled when the component is disposed (page left, circuit gone).</summary>
    protected CancellationToken Aborted => _aborted.Token;

    protected async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    /// <summary>
    /// Runs <paramref name="action"/>; returns whether it completed. <see cref="AccessDeniedException"/> is shown as an
    /// error snackbar, <see cref="NotFoundException"/> (the thing acted on is gone) and <see cref="BusyException"/> (the same work is under way) as a warning; a <see cref="ValidationException"/> goes to <paramref name="invalid"/> (when given) with its
    /// messages by field; cancellation after the component went away is swallowed. Anything else propagates to the
    /// page's error boundary.
    /// </summary>
    protected async Task<bool> AttemptAsync(Func<Task> action, Action<IReadOnlyDictionary<string, string>>? invalid = null)
    {
        try
        {
            await action();
            return true;
        }
        catch (AccessDeniedException denied)
        {
            Snackbar.Add(denied.Message, Severity.Error);
        }
        catch (NotFoundException missing)
        {
            Snackbar.Add(missing.Message, Severity.Warning);
        }
        catch (BusyException busy)
        {
            Snackbar.Add(busy.Message, Severity.Warning);
        }
        catch (ValidationException rejected) when (invalid is not null)
        {
            invalid(ErrorsByField(rejected));
        }
        catch (OperationCanceledException) when (_aborted.IsCancellationRequested)
        {
        }

        return false;
    }

    /// <summary>
    /// Keeps the page live: after a committed change of one of <paramref name="kinds"/> (on this instance or another),
    /// <paramref name="refresh"/> reads again and the page renders, at most once per <paramref name="atMostEvery"/>
    /// (default <see cref="LiveRefreshInterval"/>). A refresh should re-query in place (e.g. a grid's
    /// <c>ReloadServerData</c>), keeping the user's page, sort, filters and selection. Ends when the component goes away.
    /// </summary>
    protected void RefreshOn(ChangeKind kinds, Func<Task> refresh, TimeSpan? atMostEvery = null)
    {
        var logger = Services.GetService<ILoggerFactory>()?.CreateLogger(GetType());
        _live.Add(new ThrottledRefresh(
            Services.GetRequiredService<IChangeFeed>(),
            kinds,
            () => InvokeAsync(async () =>
            {
                if (!_aborted.IsCancellationRequested)
                {
                    await refresh();
                    StateHasChanged();
                }
            }),
            atMostEvery ?? LiveRefreshInterval,
            Services.GetService<TimeProvider>() ?? TimeProvider.System,
            failed => { if (logger is not null) { LogRefreshFailed(logger, failed, kinds); } }));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live page could not read again after a change of {Kinds}; it tries again at the next change")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, ChangeKind kinds);

    /// <summary>Validation messages by property name, several for one field joined into one line.</summary>
    protected static IReadOnlyDictionary<string, string> ErrorsByField(ValidationException rejected) =>
        rejected.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.ErrorMessage).Distinct()));

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Override to unsubscribe from events; call the base, which cancels <see cref="Aborted"/>.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var live in _live)
            {
                live.Dispose();
            }

            _aborted.Cancel();
        }
    }
}
