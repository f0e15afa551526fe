using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>
/// The live state of one registered job and the doorbell that asks it to run now: the one way to run a job by hand,
/// from the Background jobs page, the jobs API and a feature's own Run now button alike.
/// </summary>
public sealed class JobHandle(JobDescriptor descriptor, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private string? _askedBy;
    private DateTime _askedAt;

    private JobStatus _status = new(
        descriptor.Name, descriptor.Description, descriptor.Schedule, Paused: false, PausedBy: null, Running: false,
        LastRunStartedAt: null, LastRunFinishedAt: null, LastOutcome: null, LastMessage: null, LastError: null, NextRunAt: null,
        Continuous: descriptor.Continuous, Startup: descriptor.Startup);

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

    /// <summary>
    /// Asks the job to run as soon as it is free; a request while one is pending is the same request, recorded as the
    /// first person's (a person's Run now outranks a pending <see cref="JobTriggers.Wake"/>, which a paused job ignores).
    /// A continuous job takes it as "now": reconnect without waiting out the back-off, check now.
    /// </summary>
    /// <param name="requestedBy">The person (their name) or the part of Switchboard asking.</param>
    public void RequestRun(string requestedBy = JobTriggers.Wake)
    {
        lock (_gate)
        {
            if (_askedBy is null || (_askedBy == JobTriggers.Wake && requestedBy != JobTriggers.Wake))
            {
                (_askedBy, _askedAt) = (requestedBy, time.GetUtcNow().UtcDateTime);
            }
        }

        _doorbell.Writer.TryWrite(true);
    }

    /// <summary>Records a pause or resume that has been stored; the schedule honours it from the next tick.</summary>
    public void SetPaused(bool paused, string? by) => Update(s => s with { Paused = paused, PausedBy = paused ? by : null });

    /// <summary>Completes when a run may have been asked for; <see cref="TryTakeRunRequest"/> says whether and by whom.</summary>
    internal Task WaitForRunRequestAsync(CancellationToken cancellationToken) => _doorbell.Reader.WaitToReadAsync(cancellationToken).AsTask();

    /// <summary>Takes the pending request, if any, so the next one starts afresh.</summary>
    /// <param name="askedBy">Who asked.</param>
    /// <param name="askedAt">When they asked (the first asker's time).</param>
    internal bool TryTakeRunRequest([NotNullWhen(true)] out string? askedBy, out DateTime askedAt)
    {
        _doorbell.Reader.TryRead(out _);
        lock (_gate)
        {
            (askedBy, askedAt) = (_askedBy, _askedAt);
            _askedBy = null;
        }

        return askedBy is not null;
    }

    internal void Update(Func<JobStatus, JobStatus> change)
    {
        lock (_gate)
        {
            _status = change(_status);
        }

        Changed?.Invoke();
    }
}
