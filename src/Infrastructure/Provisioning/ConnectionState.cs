namespace Switchboard.Infrastructure.Provisioning;

/// <summary>The capture consumer's connection to the broker.</summary>
public enum ConnectionState
{
    NotConfigured,
    Connecting,
    Connected,
    Reconnecting,
}
