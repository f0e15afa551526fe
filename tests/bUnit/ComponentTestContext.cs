using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using Switchboard.Domain.Access;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Changes;
using Switchboard.Portal.Auth;
using Switchboard.Portal.Components;

namespace Switchboard.ComponentTests;

/// <summary>The one bUnit context every component test uses: MudBlazor services, the in-process change feed and a signed-in person.</summary>
public abstract class ComponentTestContext : BunitContext
{
    // bUnit's WaitFor… helpers wait 1 s by default, too little for a loaded machine: they get the deadline of Eventually.
    static ComponentTestContext() => DefaultWaitTimeout = Eventually.DefaultDeadline;

    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(new SignInMode(Development: false));
        Services.AddSingleton(_ => new ChangeFeed(TimeProvider.System, NullLogger<ChangeFeed>.Instance));
        Services.AddSingleton<IChangeFeed>(provider => provider.GetRequiredService<ChangeFeed>());
        Services.AddScoped<QueryState>();
    }

    protected BunitAuthorizationContext SignInAs(string name, PortalRole? role)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized(name);
        if (role is { } granted)
        {
            var roles = RoleMap.Granted(granted).ToList();
            authorization.SetClaims([.. roles.Select(r => new Claim(PortalClaims.Role, r.ToString()))]);
            authorization.SetPolicies([.. roles.Select(r => r.ToString())]);
        }

        return authorization;
    }
}
