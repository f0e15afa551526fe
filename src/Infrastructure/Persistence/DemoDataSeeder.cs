using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.People;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>Fills an empty database with a believable week of activity when <c>DemoData:Enabled</c> is on.</summary>
internal sealed partial class DemoDataSeeder(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    DirectoryWriter directory,
    IOptions<DemoDataOptions> options,
    TimeProvider time,
    ILogger<DemoDataSeeder> logger)
{
    private static readonly string[] People = ["ada.admin", "otto.operator", "vera.viewer"];

    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AuditEntries.AnyAsync(cancellationToken) || await db.ApiKeys.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var exporter = ApiKey.Create(
            "Nightly config export", [ApiKeyScopes.ConfigRead], now.AddDays(90), ApiKeySecret.Generate(), "ada.admin", now.AddDays(-6));
        exporter.MarkUsed(now.AddHours(-3));
        db.ApiKeys.Add(exporter);

        for (var day = 6; day >= 0; day--)
        {
            foreach (var person in People)
            {
                var record = new AuditRecord(Actor.User(person), AuditActions.SignIn, "session", person);
                db.AuditEntries.Add(AuditEntry.From(record, now.AddDays(-day).AddHours(-8 + Array.IndexOf(People, person))));
            }
        }

        db.AuditEntries.Add(AuditEntry.From(
            new AuditRecord(Actor.User("ada.admin"), AuditActions.ApiKeyCreated, "api-key", exporter.Id.ToString(),
                Details: AuditDiff.Between(null, new { exporter.Name, exporter.Scopes, exporter.ExpiresAt })),
            now.AddDays(-6)));
        await db.SaveChangesAsync(cancellationToken);
        var people = await directory.UpsertAsync(DemoPeople.All(), cancellationToken);
        if (!people.Succeeded)
        {
            throw new InvalidOperationException($"Demo people are not valid: {people.Errors[0]}");
        }

        LogSeeded(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded demo data into the empty database")]
    private static partial void LogSeeded(ILogger logger);
}
