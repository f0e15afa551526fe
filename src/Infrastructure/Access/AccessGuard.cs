using System.Security.Claims;
using Switchboard.Domain.Access;
using Switchboard.Domain.Audit;

namespace Switchboard.Infrastructure.Access;

/// <summary>
/// The server-side check every state change passes: a person needs the role, a machine needs the scope.
/// A refusal is written to the audit trail before it is thrown.
/// </summary>
public sealed class AccessGuard(IAuditLog audit)
{
    public async Task<Actor> DemandAsync(
        ClaimsPrincipal caller, PortalRole role, string scope, string action, string objectType, string? objectId, CancellationToken cancellationToken)
    {
        var allowed = caller.Identity?.IsAuthenticated == true && (caller.IsApiKey() ? caller.HasScope(scope) : caller.Has(role));
        var actor = caller.ToActor();
        if (allowed)
        {
            return actor;
        }

        await audit.WriteAsync(new AuditRecord(actor, action, objectType, objectId, AuditResult.Denied,
            caller.IsApiKey() ? $"API key lacks scope {scope}" : $"{role} role required"), cancellationToken);
        throw new AccessDeniedException(caller.IsApiKey()
            ? $"This API key does not have the '{scope}' scope."
            : $"This needs the {role} role.");
    }
}
