namespace Switchboard.Infrastructure;

/// <summary>
/// Something outside the settings' shape that keeps the portal from starting (a data folder it cannot write, a
/// database it cannot open). Its message is one line for the person starting the portal; the cause stays attached.
/// </summary>
public sealed class StartupFailureException : Exception
{
    public StartupFailureException()
    {
    }

    public StartupFailureException(string message)
        : base(message)
    {
    }

    public StartupFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
