namespace Switchboard.Domain.Audit;

/// <summary>The action names written to the audit trail, so that filters and tests name them one way.</summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign-in";
    public const string SignOut = "auth.sign-out";
    public const string SessionRevoked = "auth.session-revoked";
    public const string RoleChanged = "auth.role-changed";
    public const string ApiKeyCreated = "api-key.created";
    public const string ApiKeyRevoked = "api-key.revoked";
    public const string JobRunRequested = "job.run-requested";
    public const string JobPaused = "job.paused";
    public const string JobResumed = "job.resumed";
}
