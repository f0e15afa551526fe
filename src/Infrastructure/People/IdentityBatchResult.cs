namespace Switchboard.Infrastructure.People;

/// <summary>
/// What applying one batch of identity events did: how many changes were applied, refused (each kept on its event with
/// the reason) or skipped; whether more events wait beyond the batch; whether the database stayed busy (then nothing of
/// the batch was recorded and its events wait for the next run, in order); and the directory as of each event.
/// </summary>
public sealed record IdentityBatchResult(int Applied, int Refused, int Skipped, bool More, bool Busy, DirectoryAsOf? AsOf)
{
    public static readonly IdentityBatchResult StillBusy = new(0, 0, 0, More: true, Busy: true, AsOf: null);
}
