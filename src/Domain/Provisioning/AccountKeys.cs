namespace Switchboard.Domain.Provisioning;

/// <summary>What identifies the account a provisioning message is about; each is an indexed column, so searches stay fast.</summary>
public sealed record AccountKeys(string? GramAccountUuid, string? Email, string? GoogleId)
{
    public static readonly AccountKeys None = new(null, null, null);

    public AccountKeys Or(AccountKeys other) =>
        new(GramAccountUuid ?? other.GramAccountUuid, Email ?? other.Email, GoogleId ?? other.GoogleId);
}
