namespace Switchboard.Infrastructure.Listeners;

/// <summary>The <c>ExchangeListeners</c> section: the deployments to watch, how often, and who hears about outages.</summary>
public sealed class ListenerOptions
{
    public const string SectionName = "ExchangeListeners";

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Each check waits a random part of this fraction of the interval more, so checks do not all fire together.</summary>
    public double Jitter { get; set; } = 0.1;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A listener answering slower than this is Degraded.</summary>
    public TimeSpan SlowAfter { get; set; } = TimeSpan.FromSeconds(2);
    public int DownAfter { get; set; } = 3;
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Usernames, role codes or e-mail addresses alerted when a deployment goes down and when it recovers.</summary>
    public string[]? AlertRecipients { get; set; }
    public List<ListenerDeployment> Deployments { get; set; } = [];
}

/// <summary>One Exchange Listener deployment as configured.</summary>
public sealed class ListenerDeployment
{
    public string Name { get; set; } = "";

    /// <summary>The listener service's address; its status is <c>GET &lt;address&gt;/api/listeners/status</c>.</summary>
    public string ServiceUrl { get; set; } = "";

    /// <summary>StackExchange.Redis connection string of the listener's Redis (optional; may hold a password, never shown).</summary>
    public string? Redis { get; set; }
    public int RedisDatabase { get; set; }

    /// <summary>The Creatio address (optional), for its anonymous ExchangeListenerService and the settings helper.</summary>
    public string? CreatioUrl { get; set; }
    public int Replicas { get; set; } = 1;
    public int? ActiveMailboxes { get; set; }
}
