namespace Switchboard.ProvisioningSimulator;

/// <summary>A request as the simulated daemon received it, for tests to check what Switchboard published.</summary>
public sealed record ReceivedRequest(string RoutingKey, string? MessageId, string? ReplyTo, IReadOnlyDictionary<string, string?> Headers, string Body);
