namespace Switchboard.Infrastructure.Provisioning;

public sealed record OutgoingRequest(string MessageId, string RoutingKey, string? ReplyTo, string Body, long RerunOf);
