namespace Switchboard.Domain.Audit;

/// <summary>
/// Every action name the audit trail holds, named once here so that services, filters and tests spell them one way.
/// An access check names the action it guards; a refusal is written under that name with the result Denied.
/// </summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign-in";
    public const string SignOut = "auth.sign-out";
    public const string SessionRevoked = "auth.session-revoked";
    public const string RoleChanged = "auth.role-changed";
    public const string ApiCall = "api.call";

    public const string ApiKeyCreated = "api-key.created";
    public const string ApiKeyRevoked = "api-key.revoked";

    public const string JobRunRequested = "job.run-requested";
    public const string JobPaused = "job.paused";
    public const string JobResumed = "job.resumed";

    public const string PersonSaved = "person.saved";
    public const string PersonCreated = "person.created";
    public const string PersonUpdated = "person.updated";
    public const string PeopleImported = "people.imported";
    public const string RoleRenamed = "role.renamed";

    public const string EventsReceived = "events.received";

    public const string TopicSaved = "topic.saved";
    public const string TopicCreated = "topic.created";
    public const string TopicUpdated = "topic.updated";
    public const string ConfigurationSaved = "notification-configuration.saved";
    public const string ConfigurationCreated = "notification-configuration.created";
    public const string ConfigurationUpdated = "notification-configuration.updated";
    public const string ConfigurationDeleted = "notification-configuration.deleted";
    public const string ConfigurationDisabled = "notification-configuration.disabled";
    public const string ConfigurationEnabled = "notification-configuration.enabled";
    public const string CodeListsImported = "notification-code-lists.imported";
    public const string MessageResent = "message.resent";
    public const string PlannedNotificationRetried = "planned-notification.retried";

    public const string TokenRunStarted = "token-run.started";
    public const string TokenRunCancelled = "token-run.cancelled";
    public const string MattermostTokenRegenerated = "mattermost-token.regenerated";
    public const string MattermostTokenRevoked = "mattermost-token.revoked";

    public const string ProvisioningMessagesPosted = "provisioning.messages-posted";
    public const string EnvelopeRerun = "envelope.rerun";
    public const string EnvelopeEditedRerun = "envelope.edited-rerun";
    public const string EnvelopeResolved = "envelope.resolved";
    public const string EnvelopeReopened = "envelope.reopened";
    public const string EnvelopeArchived = "envelope.archived";
    public const string EnvelopeRestored = "envelope.restored";
    public const string EnvelopeAssigned = "envelope.assigned";
    public const string EnvelopeTagged = "envelope.tagged";
    public const string EnvelopeNoted = "envelope.noted";

    public const string BridgeCreated = "chatops.bridge-created";
    public const string BridgeUpdated = "chatops.bridge-updated";
    public const string BridgeDeleted = "chatops.bridge-deleted";
    public const string BridgeConnectionTested = "chatops.connection-tested";
    public const string BridgeCallRetried = "chatops.call-retried";
    public const string BridgeCallRejected = "chatops.call-rejected";

    public const string ListenerChecked = "listener.checked";
}
