using Switchboard.Domain.Listeners;

namespace Switchboard.Portal;

/// <summary>Every page address of the portal, in one place.</summary>
public static class PageRoutes
{
    public const string Dashboard = "/";
    public const string Audit = "/audit";
    public const string ApiKeys = "/api-keys";
    public const string Sessions = "/sessions";
    public const string BackgroundJobs = "/jobs";
    public const string People = "/people";
    public const string NewPerson = "/people/new";
    public const string PeopleImport = "/people/import";
    public const string Roles = "/roles";
    public const string Notifications = "/notifications";
    public const string MattermostTokens = "/mattermost-tokens";
    public const string Provisioning = "/provisioning";
    public const string ChatOps = "/chatops";
    public const string Listeners = "/listeners";
    public const string NewBridge = "/chatops/bridges/new";
    public const string NewConfiguration = "/notifications/configurations/new";
    public const string NewTopic = "/notifications/topics/new";
    public const string DevSignIn = "/dev/sign-in";
    public const string NoAccess = "/no-access";
    public const string SignedOut = "/signed-out";
    public const string NotFound = "/not-found";
    public const string Error = "/error";

    public static string Person(string username) => $"{People}/{Uri.EscapeDataString(username)}";

    /// <summary>A person's page with their timeline showing one module (<c>null</c>: all).</summary>
    public static string PersonTimeline(string username, string? module) =>
        module is null ? Person(username) : $"{Person(username)}?module={Uri.EscapeDataString(module)}";

    public static string Message(long id) => $"{Notifications}/messages/{id}";

    public static string Event(long id) => $"{Notifications}/events/{id}";

    /// <summary>One ChatOps call: what arrived, its outcome and ticket, its audit entries, Retry.</summary>
    public static string ChatOpsCall(long id) => $"{ChatOps}/{id}";

    /// <summary>The ChatOps call log showing the calls of one Mattermost user.</summary>
    public static string ChatOpsCallsOf(string userName) => $"{ChatOps}?user={Uri.EscapeDataString(userName)}";

    /// <summary>The ChatOps call log showing the failed calls (those Retry is for).</summary>
    public const string FailedChatOpsCalls = $"{ChatOps}?status=Failed";

    /// <summary>The Mattermost tokens page with one run's per-person outcomes open.</summary>
    public static string TokenRun(long runId) => $"{MattermostTokens}?run={runId}";

    /// <summary>One audit entry: who, when, what, its object and the difference it recorded.</summary>
    public static string AuditEntry(long id) => $"{Audit}/{id}";

    /// <summary>The audit trail of one actor (a person's username, <c>api-key:name</c> or <c>system</c>).</summary>
    public static string AuditBy(string actor) => $"{Audit}?actor={Uri.EscapeDataString(actor)}";

    /// <summary>The audit trail of one object.</summary>
    public static string AuditOf(string objectType, string? objectId) =>
        objectId is null ? $"{Audit}?objectType={Uri.EscapeDataString(objectType)}"
            : $"{Audit}?objectType={Uri.EscapeDataString(objectType)}&objectId={Uri.EscapeDataString(objectId)}";

    public static string Configuration(int id) => $"{Notifications}/configurations/{id}";

    /// <summary>A tab of the Notifications page: configurations, topics, test-bench, delivery-log, events.</summary>
    public static string NotificationsTab(string tab) => $"{Notifications}?tab={tab}";

    /// <summary>The test bench with a stored event filled in and run.</summary>
    public static string TestBenchWithEvent(long eventId) => $"{NotificationsTab("test-bench")}&event={eventId}";

    public static string DeliveryLog(Domain.Notifications.MessageStatus status) => $"{Notifications}?tab=delivery-log&status={status}";

    public static string Topic(string code) => $"{Notifications}/topics/{Uri.EscapeDataString(code)}";

    public static string Job(string name) => $"{BackgroundJobs}/{Uri.EscapeDataString(name)}";

    public static string Listener(string name) => $"{Listeners}/{Uri.EscapeDataString(name)}";

    /// <summary>The deployments in one state (the list's filter).</summary>
    public static string ListenersIn(ListenerState state) => $"{Listeners}?state={state}";

    public static string Bridge(string name) => $"{ChatOps}/bridges/{Uri.EscapeDataString(name)}";

    public static string Envelope(long id) => $"{Provisioning}/envelopes/{id}";

    public static string EnvelopesOfGroup(long groupId) => $"{Provisioning}?group={groupId}";

    public static string PeopleWithRole(string role) => $"{People}?role={Uri.EscapeDataString(role)}";
}
