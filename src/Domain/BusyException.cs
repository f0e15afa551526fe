namespace Switchboard.Domain;

/// <summary>
/// What a use case was asked to do cannot start now because the same work is under way (here or on another instance) and
/// did not end in time: the API answers 409 with a problem, a page shows the message as a warning. The message is safe to show.
/// </summary>
public sealed class BusyException(string message) : Exception(message);
