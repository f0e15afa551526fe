namespace Switchboard.Domain.Provisioning;

/// <summary>Failures with the same error (name, or message when unnamed) on the same routing key, like ServicePulse's groups.</summary>
public sealed class FailureGroup
{
    private FailureGroup()
    {
    }

    public long Id { get; private set; }

    /// <summary>Routing key and title, one line each: what makes a group unique.</summary>
    public string Key { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string RoutingKey { get; private set; } = "";

    /// <summary>Failure messages seen in this group (a rerun that fails again counts again).</summary>
    public long Failures { get; private set; }
    public DateTime FirstSeenAt { get; private set; }
    public DateTime LastSeenAt { get; private set; }

    public static string KeyOf(string routingKey, string title) => routingKey + "\n" + title;
}
