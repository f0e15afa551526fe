namespace Switchboard.Domain.ChatOps;

public enum CallStatus
{
    /// <summary>Recorded, GLPI not answered yet (or the answer came after Mattermost's reply: finished in the background).</summary>
    Pending,

    /// <summary>GLPI opened the ticket.</summary>
    Created,

    /// <summary>GLPI failed; retried with back-off by the background job, or by an Operator's Retry.</summary>
    Failed,

    /// <summary>The message held only the trigger word: the person was told how to use it, no ticket.</summary>
    Empty,
}
