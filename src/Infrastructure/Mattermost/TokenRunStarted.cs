using Switchboard.Domain.Mattermost;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>A token run that has started: its id, and the run as it will be when it ends.</summary>
internal sealed record TokenRunStarted(long Id, Task<TokenRun> Finished);
