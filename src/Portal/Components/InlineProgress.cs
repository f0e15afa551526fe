namespace Switchboard.Portal.Components;

/// <summary>
/// Progress for a page's long action, reported in the caller's own flow. <see cref="Progress{T}"/> posts each report to
/// the circuit to run later, possibly after the action (and its <c>finally</c>) ended, where an exception kills the
/// circuit; here a report runs at once, on the circuit, and a failure surfaces in the awaited action.
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
