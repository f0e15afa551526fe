namespace Switchboard.Infrastructure.Events;

/// <summary>What <c>POST /api/events</c> answers: events stored now, and events whose id had been seen before.</summary>
public sealed record IngestSummary(int Accepted, int Duplicates);
