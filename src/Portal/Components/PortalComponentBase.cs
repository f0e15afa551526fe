using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Switchboard.Domain;
using Switchboard.Infrastructure.Access;
using Switchboard.Portal.Auth;
using ValidationException = FluentValidation.ValidationException;

namespace Switchboard.Portal.Components;

/// <summary>
/// Base of every page and component that calls a feature service. It gives the signed-in user, a token cancelled when the
/// component goes away (<see cref="Aborted"/>, instead of <see cref="CancellationToken.None"/>), and one way to run an
/// action the server may refuse: a refusal becomes a snackbar, validation failures go to the form, and work abandoned
/// because the user left the page ends quietly.
/// </summary>
public abstract class PortalComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _aborted = new();

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Cancelled when the component is disposed (page left, circuit gone).</summary>
    protected CancellationToken Aborted => _aborted.Token;

    protected async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    /// <summary>
    /// Runs <paramref name="action"/>; returns whether it completed. <see cref="AccessDeniedException"/> is shown as an
    /// error snackbar, <see cref="NotFoundException"/> (the thing acted on is gone) as a warning; a <see cref="ValidationException"/> goes to <paramref name="invalid"/> (when given) with its
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
        catch (ValidationException rejected) when (invalid is not null)
        {
            invalid(ErrorsByField(rejected));
        }
        catch (OperationCanceledException) when (_aborted.IsCancellationRequested)
        {
        }

        return false;
    }

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
            _aborted.Cancel();
        }
    }
}
