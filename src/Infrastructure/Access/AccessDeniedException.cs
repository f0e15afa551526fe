namespace Switchboard.Infrastructure.Access;

/// <summary>Thrown by a feature service when the caller may not do what it asked; the message is safe to show.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
