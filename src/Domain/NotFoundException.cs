namespace Switchboard.Domain;

/// <summary>
/// What a use case was asked to act on does not exist (any more). The one not-found signal: the API answers 404 with a
/// problem, a page shows the message. The message is safe to show.
/// </summary>
public sealed class NotFoundException(string message) : Exception(message);
