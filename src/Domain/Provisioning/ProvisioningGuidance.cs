namespace Switchboard.Domain.Provisioning;

/// <summary>
/// What a support member does about a known failure. Both families of codes are recognised: the seed's (409
/// <c>GoogleAccountAlreadyRegisteredInGram</c>, 409 <c>GoogleAccountAlreadyExists</c>, 422 <c>InvalidPayload</c>, 500
/// <c>InternalError</c>) and the open-source daemon's (400 <c>GoogleAccountAlreadyRegisteredInGrAM</c>, 400
/// <c>ExistingGoogleAccount</c>, 400 <c>NotExistingGoogleAccount</c>, 500 without a name).
/// </summary>
public static class ProvisioningGuidance
{
    public static Guidance? For(EnvelopeKind kind, EnvelopeState state, int? statusCode, string? errorName)
    {
        if (kind == EnvelopeKind.Unreadable)
        {
            return new Guidance(GuidanceCase.Unreadable, "Unreadable message",
                "The message could not be read, so it cannot be rerun. Show the raw body and the reason to the team that sent it; once fixed at the source, archive this envelope.");
        }

        if (state == EnvelopeState.Retrying)
        {
            return new Guidance(GuidanceCase.Retrying, "The daemon is still trying",
                "A temporary failure (softfail): the daemon tries again on its own (up to 48 times, every 30 minutes by default). Nothing to do unless it gives up.");
        }

        return Normalise(errorName) switch
        {
            "googleaccountalreadyregisteredingram" => new Guidance(GuidanceCase.RegisteredInGram, "Google account already registered in GrAM",
                "The GrAM account already holds a Google id that points to an existing Google account. A support member checks that this Google account belongs to this person. "
                + "If it does, align its aliases with GorgMail's data (nothing to rerun). If it does not, remove the Google id from GrAM and rerun to create a new account."),
            "googleaccountalreadyexists" or "existinggoogleaccount" => new Guidance(GuidanceCase.AddressTaken, "Address already used at Google",
                "A Google account already uses this address, as its primary address or as an alias: a Gadz.org address was reassigned. "
                + "Restore uniqueness of the addresses by hand (find the account holding it in the error data), then rerun."),
            "notexistinggoogleaccount" => new Guidance(GuidanceCase.NoGoogleAccount, "Google account not found",
                "The Google account named in the request no longer exists at Google. Check the Google id stored in GrAM; remove a stale id, then rerun (an update becomes a create)."),
            "invalidpayload" => InvalidPayload,
            _ when statusCode == 422 => InvalidPayload,
            "internalerror" or null when statusCode >= 500 => new Guidance(GuidanceCase.InternalError, "Internal error in the daemon",
                "An error occurred while the daemon ran. Read the message and the debug data. If the Google account was created but GrAM refused the update "
                + "(a GrAM account saved with invalid data), do not rerun: correct the GrAM account and register the Google id in GrAM by hand. Otherwise rerun once the cause is fixed."),
            _ => null,
        };
    }

    private static readonly Guidance InvalidPayload = new(GuidanceCase.InvalidPayload, "The request does not match its schema",
        "The daemon understood the message but refused its content. The schema errors are listed field by field below: correct the body with Edit and rerun, "
        + "and have the sender fix the producer so it does not happen again.");

    private static string? Normalise(string? errorName) => errorName?.Trim().ToLowerInvariant();
}
