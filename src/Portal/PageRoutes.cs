namespace Switchboard.Portal;

/// <summary>Every page address of the portal, in one place.</summary>
public static class PageRoutes
{
    public const string Dashboard = "/";
    public const string Audit = "/audit";
    public const string ApiKeys = "/api-keys";
    public const string BackgroundJobs = "/jobs";
    public const string DevSignIn = "/dev/sign-in";
    public const string NoAccess = "/no-access";
    public const string SignedOut = "/signed-out";
    public const string NotFound = "/not-found";
    public const string Error = "/error";
}
