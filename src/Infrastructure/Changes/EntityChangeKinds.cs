using Switchboard.Domain.Audit;
using Switchboard.Domain.ChatOps;
using Switchboard.Domain.Events;
using Switchboard.Domain.Jobs;
using Switchboard.Domain.Listeners;
using Switchboard.Domain.Mattermost;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.People;
using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.Changes;

/// <summary>Which <see cref="ChangeKind"/> a change to a stored entity is; entities nobody follows live are <see cref="ChangeKind.None"/>.</summary>
internal static class EntityChangeKinds
{
    private static readonly Dictionary<Type, ChangeKind> Kinds = new()
    {
        [typeof(DeploymentStatus)] = ChangeKind.ListenerState,
        [typeof(ListenerCheck)] = ChangeKind.ListenerState,
        [typeof(ProvisioningEnvelope)] = ChangeKind.Envelope,
        [typeof(ProvisioningMessage)] = ChangeKind.Envelope,
        [typeof(EnvelopeActivity)] = ChangeKind.Envelope,
        [typeof(FailureGroup)] = ChangeKind.Envelope,
        [typeof(BridgeCall)] = ChangeKind.ChatOpsCall,
        [typeof(Bridge)] = ChangeKind.ChatOpsCall,
        [typeof(OutboxMessage)] = ChangeKind.OutboxMessage,
        [typeof(EntityEvent)] = ChangeKind.Event,
        [typeof(RejectedEvent)] = ChangeKind.Event,
        [typeof(TokenRun)] = ChangeKind.TokenOutcome,
        [typeof(TokenOutcome)] = ChangeKind.TokenOutcome,
        [typeof(AuditEntry)] = ChangeKind.AuditEntry,
        [typeof(JobSetting)] = ChangeKind.JobState,
        [typeof(JobRun)] = ChangeKind.JobState,
        [typeof(Person)] = ChangeKind.Person,
        [typeof(Role)] = ChangeKind.Person,
        [typeof(Topic)] = ChangeKind.Configuration,
        [typeof(NotificationConfiguration)] = ChangeKind.Configuration,
    };

    public static ChangeKind Of(Type entityType) => Kinds.GetValueOrDefault(entityType);
}
