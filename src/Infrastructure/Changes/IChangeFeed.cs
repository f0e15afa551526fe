namespace Switchboard.Infrastructure.Changes;

/// <summary>
/// The one server-side feed of "stored state changed" notices that live pages follow. Notices are published after the
/// change is committed (<see cref="ChangeNoticeInterceptor"/>), are coalesced (a burst becomes one notice per short
/// interval) and, on PostgreSQL, reach every instance (<see cref="PostgresChangeRelay"/>). A notice says only what kind
/// of thing changed: a subscriber reads again what it shows.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Tells subscribers here and on the other instances that <paramref name="kinds"/> changed (call after commit).</summary>
    void Publish(ChangeKind kinds);

    /// <summary>
    /// Calls <paramref name="changed"/> (on a pool thread, with the kinds that changed) whenever a notice about one of
    /// <paramref name="kinds"/> arrives, until the returned subscription is disposed.
    /// </summary>
    IDisposable Subscribe(ChangeKind kinds, Action<ChangeKind> changed);
}
