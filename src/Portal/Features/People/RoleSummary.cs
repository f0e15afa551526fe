namespace Switchboard.Portal.Features.People;

public sealed record RoleSummary(string Code, string Name, int Members);
