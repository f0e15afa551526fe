using System.Threading.Channels;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>The live state of one registered job and the doorbell that asks it to run now.</summary>
public sealed class JobHandle(JobDescriptor descriptor)
{
    private readonly Lock _gate = new();
    private readonly Channel<bool> _runRequests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private JobStatus _status = new(
        descriptor.Name, descriptor.Description, descriptor.Schedule, Paused: false, PausedBy: null, Running: false,
        LastRunStartedAt: null, LastRunFinishedAt: null, LastOutcome: null, LastMessage: null, LastError: null, NextRunAt: null);

    public event Action? Changed;

    public JobDescriptor Descriptor => descriptor;

    public JobStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>Asks the job to run as soon as it is free; a request while one is pending is the same request.</summary>
    public void RequestRun() => _runRequests.Writer.TryWrite(true);

    /// <summary>Records a pause or resume that has been stored; the schedule honours it from the next tick.</summary>
    public void SetPaused(bool paused, string? by) => Update(s => s with { Paused = paused, PausedBy = paused ? by : null });

    internal ChannelReader<bool> RunRequests => _runRequests.Reader;

    internal void Update(Func<JobStatus, JobStatus> change)
    {
        lock (_gate)
        {
            _status = change(_status);
        }

        Changed?.Invoke();
    }
}
