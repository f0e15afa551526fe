using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary><see cref="ProvisioningEnvelope.IsOpen"/> as a query, for the envelope list, the dashboard and the gauges.</summary>
internal static class OpenEnvelopeQuery
{
    /// <summary>
    /// The envelopes not archived in one of <see cref="ProvisioningEnvelope.OpenStates"/>. The states are inlined as
    /// constants (<c>"State" IN ('Retrying', 'Failed', 'Rerunning')</c>), so the database plans the query as when they
    /// were written out, not around a parameter list it cannot see.
    /// </summary>
    public static IQueryable<ProvisioningEnvelope> WhereOpen(this IQueryable<ProvisioningEnvelope> envelopes) =>
        envelopes.Where(e => !e.Archived && EF.Constant(ProvisioningEnvelope.OpenStates).Contains(e.State));
}
