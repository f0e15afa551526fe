using Switchboard.Portal.Features.Audit;
using Switchboard.Portal.Features.ChatOps;
using Switchboard.Portal.Features.Events;
using Switchboard.Portal.Features.Jobs;
using Switchboard.Portal.Features.Listeners;
using Switchboard.Portal.Features.Mattermost;
using Switchboard.Portal.Features.Notifications;
using Switchboard.Portal.Features.People;
using Switchboard.Portal.Features.Provisioning;

namespace Switchboard.Portal.Api;

/// <summary>The machine API under <c>/api</c>: every endpoint authenticates with an API key and demands one scope.</summary>
public static class MachineApi
{
    public const string Prefix = "/api";

    public static IEndpointRouteBuilder MapMachineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix);
        api.AddEndpointFilter(ApiPaging.Filter);
        api.MapAuditApi();
        api.MapJobsApi();
        api.MapMattermostApi();
        api.MapPeopleApi();
        api.MapEventsApi();
        api.MapNotificationsApi();
        api.MapProvisioningApi();
        api.MapChatOpsApi();
        api.MapListenersApi();
        return app;
    }
}
