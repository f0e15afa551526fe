using System.Security.Claims;
using Bunit;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Switchboard.Domain.Access;
using Switchboard.Infrastructure.Access;
using Switchboard.Portal.Components;
using ValidationException = FluentValidation.ValidationException;

namespace Switchboard.ComponentTests.Shell;

public sealed class PortalComponentBaseTests : ComponentTestContext
{
    public PortalComponentBaseTests() => SignInAs("otto.operator", PortalRole.Operator);

    private ISnackbar Snackbars => Services.GetRequiredService<ISnackbar>();

    [Fact]
    public async Task Refusal_BecomesAnErrorSnackbar_AndTheAttemptReportsItDidNotComplete()
    {
        var probe = Render<Probe>().Instance;

        var completed = await probe.AttemptAsync(() => throw new AccessDeniedException("Operators may not do that."));

        Assert.False(completed);
        var shown = Assert.Single(Snackbars.ShownSnackbars);
        Assert.Equal(("Operators may not do that.", Severity.Error), (shown.Message, shown.Severity));
    }

    [Fact]
    public async Task ValidationFailure_GoesToTheFields_ByPropertyName_SeveralMessagesOfOneFieldInOneLine()
    {
        var probe = Render<Probe>().Instance;
        IReadOnlyDictionary<string, string>? fields = null;

        var completed = await probe.AttemptAsync(() => throw new ValidationException(
            [new ValidationFailure("Name", "A name is required."), new ValidationFailure("Name", "At most 80 characters."), new ValidationFailure("Scopes", "Pick a scope.")]),
            invalid => fields = invalid);

        Assert.False(completed);
        Assert.Equal(new Dictionary<string, string> { ["Name"] = "A name is required. At most 80 characters.", ["Scopes"] = "Pick a scope." }, fields);
        Assert.Empty(Snackbars.ShownSnackbars);
    }

    [Fact]
    public async Task ValidationFailure_WithoutAFormToShowIt_IsNotSwallowed()
    {
        var probe = Render<Probe>().Instance;

        await Assert.ThrowsAsync<ValidationException>(() => probe.AttemptAsync(() => throw new ValidationException("no form")));
    }

    [Fact]
    public async Task Aborted_IsCancelledWhenTheComponentGoesAway_AndWorkCancelledByItEndsQuietly()
    {
        var probe = Render<Probe>().Instance;
        var started = new TaskCompletionSource();
        var attempt = probe.AttemptAsync(async () =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, probe.Token);
        });
        await started.Task;
        Assert.False(probe.Token.IsCancellationRequested);

        await DisposeComponentsAsync();

        Assert.True(probe.Token.IsCancellationRequested);
        Assert.False(await attempt);
        Assert.Empty(Snackbars.ShownSnackbars);
    }

    [Fact]
    public async Task UserAsync_IsTheSignedInPerson()
    {
        var probe = Render<Probe>().Instance;

        var user = await probe.UserAsync();

        Assert.Equal("otto.operator", user.Identity?.Name);
        Assert.Contains(user.Claims, c => c.Type == PortalClaims.Role && c.Value == nameof(PortalRole.Operator));
    }

    private sealed class Probe : PortalComponentBase
    {
        public CancellationToken Token => Aborted;

        public new Task<bool> AttemptAsync(Func<Task> action, Action<IReadOnlyDictionary<string, string>>? invalid = null) =>
            base.AttemptAsync(action, invalid);

        public new Task<ClaimsPrincipal> UserAsync() => base.UserAsync();
    }
}
