namespace Switchboard.Infrastructure.Provisioning;

/// <summary>One problem of a request body: the field (dotted path), what is wrong, where, and the value found there.</summary>
public sealed record SchemaError(string Field, string Problem, int? Line, long? Column, string? Value = null);
