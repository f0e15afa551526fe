namespace Switchboard.Infrastructure.People;

/// <summary>
/// The extended attributes through which the directory knows a person's accounts elsewhere: provisioning envelopes
/// carry a Google id and a GrAM account UUID, and are linked to the person holding the same value (or the same e-mail).
/// </summary>
public static class AccountAttributes
{
    public const string GoogleId = "googleId";
    public const string GramAccountUuid = "gramAccountUuid";
}
