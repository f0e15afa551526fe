namespace Switchboard.Domain.Provisioning;

/// <summary>The failures Switchboard has guidance for.</summary>
public enum GuidanceCase
{
    RegisteredInGram,
    AddressTaken,
    NoGoogleAccount,
    InvalidPayload,
    InternalError,
    Retrying,
    Unreadable,
}
