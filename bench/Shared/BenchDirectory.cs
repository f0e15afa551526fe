using Switchboard.Domain.People;
using Switchboard.Infrastructure.People;

namespace Switchboard.Bench.Shared;

/// <summary>The benches' directory: <c>people</c> people, a manager for every 50, written 5,000 at a time through the portal's own writer.</summary>
internal static class BenchDirectory
{
    private const int Batch = 5_000;

    /// <param name="username">The username of the i-th person (the benches' events name people the same way).</param>
    public static async Task SeedAsync(DirectoryWriter writer, int people, Func<int, string> username)
    {
        for (var start = 0; start < people; start += Batch)
        {
            var result = await writer.UpsertAsync(Enumerable.Range(start, Math.Min(Batch, people - start)).Select(i => new PersonDraft
            {
                Username = username(i),
                FirstName = $"First{i}",
                LastName = $"Last{i}",
                Email = $"{username(i)}@example.test",
                State = "VALID",
                Manager = i % 50 == 0 ? null : username(i - (i % 50)),
            }).ToList(), CancellationToken.None);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Errors[0].ToString());
            }
        }
    }
}
