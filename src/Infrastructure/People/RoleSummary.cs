namespace Switchboard.Infrastructure.People;

public sealed record RoleSummary(string Code, string Name, int Members);
