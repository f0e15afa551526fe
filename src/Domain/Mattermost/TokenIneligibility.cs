namespace Switchboard.Domain.Mattermost;

/// <summary>Why a person gets no Mattermost token (<see cref="None"/>: they do).</summary>
public enum TokenIneligibility
{
    None,
    SyncOff,
    Deleted,
    Disabled,
    LeaverState,
}
