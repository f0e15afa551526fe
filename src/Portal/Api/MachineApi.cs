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
