using System.Collections.Concurrent;

namespace Switchboard.Infrastructure.Jobs;

/// <summary>Every background job the portal runs, so people can see that the machinery is alive and poke it.</summary>
public sealed class JobRegistry
{
    private readonly ConcurrentDictionary<string, JobHandle> _jobs = new(StringComparer.Ordinal);

    /// <summary>Raised whenever any job's state changes, so that pages can refresh without polling.</summary>
    public event Action? Changed;

    public IReadOnlyList<JobStatus> Statuses() =>
        _jobs.Values.Select(j => j.Status).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public JobHandle? Find(string name) => _jobs.GetValueOrDefault(name);

    /// <param name="descriptor">The job.</param>
    /// <param name="time">The clock its Run now requests are timed by.</param>
    internal JobHandle Register(JobDescriptor descriptor, TimeProvider time) =>
        _jobs.GetOrAdd(descriptor.Name, _ =>
        {
            var handle = new JobHandle(descriptor, time);
            handle.Changed += () => Changed?.Invoke();
            return handle;
        });
}
