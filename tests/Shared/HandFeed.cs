using Switchboard.Infrastructure.Changes;

namespace Switchboard.Testing;

/// <summary>A feed the test raises by hand, straight to the subscribers (no coalescing); each gets the kinds it follows, as from <see cref="ChangeFeed"/>.</summary>
public sealed class HandFeed : IChangeFeed
{
    private readonly List<(ChangeKind Kinds, Action<ChangeKind> Changed)> _subscribers = [];

    public IReadOnlyList<ChangeKind> Subscribed => [.. _subscribers.Select(s => s.Kinds)];

    public void Publish(ChangeKind kinds) => Raise(kinds);

    public void Raise(ChangeKind kinds)
    {
        foreach (var (subscribed, changed) in _subscribers.ToList())
        {
            if ((subscribed & kinds) != ChangeKind.None)
            {
                changed(kinds & subscribed);
            }
        }
    }

    public IDisposable Subscribe(ChangeKind kinds, Action<ChangeKind> changed)
    {
        var subscriber = (kinds, changed);
        _subscribers.Add(subscriber);
        return new Unsubscriber(() => _subscribers.Remove(subscriber));
    }

    private sealed class Unsubscriber(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
