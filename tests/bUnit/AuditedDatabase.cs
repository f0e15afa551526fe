using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Audit;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.ComponentTests;

/// <summary>A component test's SQLite database, written the way the portal writes it: audit entries commit with the change.</summary>
public static class AuditedDatabase
{
    public static IServiceCollection AddAuditedDatabase(this IServiceCollection services, string file)
    {
        services.AddSingleton(new AuditingInterceptor(TimeProvider.System));
        services.AddDbContextFactory<SwitchboardDbContext>((provider, o) =>
            o.UseSqlite($"Data Source={file}").AddInterceptors(provider.GetRequiredService<AuditingInterceptor>()));
        services.AddSingleton<IAuditLog, DatabaseAuditLog>();
        return services;
    }

    /// <summary>The audit trail as stored, oldest first.</summary>
    public static IReadOnlyList<AuditEntry> AuditTrail(this IServiceProvider services)
    {
        using var db = services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();
        return db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToList();
    }
}
