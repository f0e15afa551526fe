namespace Switchboard.Domain;

/// <summary>One page of a list and how many items match in all: the one paged result every list and API returns.</summary>
/// <param name="TotalIsAtLeast">True when counting stopped at a limit, so <paramref name="TotalCount"/> is a lower bound.</param>
public sealed record Paged<T>(IReadOnlyList<T> Items, int TotalCount, bool TotalIsAtLeast = false);
