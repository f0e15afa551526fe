namespace Switchboard.Infrastructure.Messaging;

/// <summary>A broker consumer's connection to the broker.</summary>
public enum ConnectionState
{
    NotConfigured,
    Connecting,
    Connected,
    Reconnecting,
}
