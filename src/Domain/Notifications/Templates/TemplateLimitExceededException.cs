namespace Switchboard.Domain.Notifications.Templates;

/// <summary>A template computed or wrote more than it may (steps, nesting, rendered size, time): nothing is sent for it.</summary>
public sealed class TemplateLimitExceededException : Exception
{
    public TemplateLimitExceededException()
    {
    }

    public TemplateLimitExceededException(string message) : base(message)
    {
    }

    public TemplateLimitExceededException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
