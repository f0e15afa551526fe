namespace Switchboard.Infrastructure.Jobs;

/// <summary>Which instance of the portal this process is, as written on the runs it makes.</summary>
public static class JobInstance
{
    /// <summary>Machine name and process id, e.g. <c>portal-a:4812</c>.</summary>
    public static string Current { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
