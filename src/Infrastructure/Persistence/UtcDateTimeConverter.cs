using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>Every stored time is UTC; this marks values read back as UTC so they format and compare correctly.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
