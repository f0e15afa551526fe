namespace Switchboard.Portal.Auth;

/// <summary>
/// One role refresh at a time per session: the requests a page makes at once must not each redeem the same refresh
/// token (providers rotate it, and a reused one can end the grant). Striped, so memory stays bounded.
/// </summary>
internal sealed class SessionLocks
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> EnterAsync(string sessionId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(sessionId) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
