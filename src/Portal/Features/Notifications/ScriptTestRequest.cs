using Switchboard.Infrastructure.Notifications;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>The configuration form asking its page to test one of its scripts.</summary>
public sealed record ScriptTestRequest(ScriptKind Kind, string? Script);
