namespace Switchboard.Infrastructure.Mattermost;

/// <summary>
/// Lets one call through first while the others wait; once one has passed, everyone goes through at once. A call that
/// fails lets the next waiter try first; one that is left shut (the server refused for good) keeps the others waiting
/// until their cancellation. Used so that a server setting that refuses every call is met by one call, not by all.
/// </summary>
internal sealed class FirstCallGate : IDisposable
{
    private readonly SemaphoreSlim _first = new(1, 1);
    private volatile bool _passed;

    /// <returns>True when this caller goes first: it must then call <see cref="Leave"/> (or leave the gate shut).</returns>
    public async Task<bool> EnterAsync(CancellationToken cancellationToken)
    {
        if (_passed)
        {
            return false;
        }

        await _first.WaitAsync(cancellationToken);
        if (!_passed)
        {
            return true;
        }

        _first.Release();
        return false;
    }

    public void Leave(bool first, bool passed)
    {
        if (!first)
        {
            return;
        }

        _passed |= passed;
        _first.Release();
    }

    public void Dispose() => _first.Dispose();
}
