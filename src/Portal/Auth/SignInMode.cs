namespace Switchboard.Portal.Auth;

/// <summary>Whether people sign in through the development sign-in (no OpenID provider configured) or single sign-on.</summary>
public sealed record SignInMode(bool Development);
