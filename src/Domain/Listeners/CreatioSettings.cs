namespace Switchboard.Domain.Listeners;

/// <summary>
/// The Creatio system settings that point Creatio at a listener deployment, and the replica count it needs
/// (one replica per 50 active mailboxes).
/// </summary>
public static class CreatioSettings
{
    public const int MailboxesPerReplica = 50;

    /// <summary><c>ExchangeListenerServiceUri</c> = <c>&lt;service address&gt;/api/listeners</c>.</summary>
    public static string ServiceUri(string serviceUrl) => $"{serviceUrl.TrimEnd('/')}/api/listeners";

    /// <summary><c>BpmonlineExchangeEventsEndpointUrl</c> = <c>&lt;Creatio address&gt;/0/ServiceModel/ExchangeListenerService.svc/NewEmail</c>.</summary>
    public static string EventsEndpointUrl(string creatioUrl) => $"{creatioUrl.TrimEnd('/')}/0/ServiceModel/ExchangeListenerService.svc/NewEmail";

    /// <summary>The anonymous Creatio service a check calls.</summary>
    public static string ServiceModelUrl(string creatioUrl) => $"{creatioUrl.TrimEnd('/')}/0/ServiceModel/ExchangeListenerService.svc";

    public static int RecommendedReplicas(int activeMailboxes) => Math.Max(1, (activeMailboxes + MailboxesPerReplica - 1) / MailboxesPerReplica);
}
