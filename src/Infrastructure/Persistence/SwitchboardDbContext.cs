using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.ChatOps;
using Switchboard.Domain.Events;
using Switchboard.Domain.Jobs;
using Switchboard.Domain.Listeners;
using Switchboard.Domain.Mattermost;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Domain.Notifications.Digests;
using Switchboard.Domain.People;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Changes;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>
/// The portal's database. This type carries the SQLite migrations (<c>Migrations/</c>); PostgreSQL's are generated for
/// <see cref="Postgres.PostgresSwitchboardDbContext"/>, the same model under its own type, as EF Core's "migrations with
/// multiple providers" asks. Code always asks for this type; <see cref="SwitchboardDbContextFactory"/> hands out the
/// configured provider's.
/// </summary>
public class SwitchboardDbContext(DbContextOptions<SwitchboardDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    private readonly List<AuditRecord> _pendingAudit = [];
    private ChangeKind _touched;

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<JobSetting> JobSettings => Set<JobSetting>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<EntityEvent> EntityEvents => Set<EntityEvent>();
    public DbSet<RejectedEvent> RejectedEvents => Set<RejectedEvent>();
    public DbSet<TokenRun> TokenRuns => Set<TokenRun>();
    public DbSet<TokenOutcome> TokenOutcomes => Set<TokenOutcome>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<NotificationConfiguration> NotificationConfigurations => Set<NotificationConfiguration>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<DigestItem> DigestItems => Set<DigestItem>();
    public DbSet<PlannedNotification> PlannedNotifications => Set<PlannedNotification>();
    public DbSet<ProvisioningMessage> ProvisioningMessages => Set<ProvisioningMessage>();
    public DbSet<ProvisioningEnvelope> ProvisioningEnvelopes => Set<ProvisioningEnvelope>();
    public DbSet<FailureGroup> FailureGroups => Set<FailureGroup>();
    public DbSet<EnvelopeActivity> EnvelopeActivities => Set<EnvelopeActivity>();
    public DbSet<Bridge> Bridges => Set<Bridge>();
    public DbSet<BridgeCall> BridgeCalls => Set<BridgeCall>();
    public DbSet<ListenerCheck> ListenerChecks => Set<ListenerCheck>();
    public DbSet<ListenerCheckHour> ListenerCheckHours => Set<ListenerCheckHour>();
    public DbSet<DeploymentStatus> DeploymentStatuses => Set<DeploymentStatus>();
    public DbSet<PortalSession> PortalSessions => Set<PortalSession>();

    /// <summary>The Data Protection key ring, shared by every instance (see <c>KeyProtection/</c>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Queues an audit entry for the change this context is making: the next <c>SaveChanges</c> writes it (stamped by
    /// <see cref="Audit.AuditingInterceptor"/>) in the same transaction as the change, so both commit or neither does.
    /// </summary>
    public void Audit(AuditRecord record) => _pendingAudit.Add(record);

    /// <summary>The queued audit records, handed over once.</summary>
    internal IReadOnlyList<AuditRecord> TakePendingAudit()
    {
        var pending = _pendingAudit.ToList();
        _pendingAudit.Clear();
        return pending;
    }

    /// <summary>
    /// Notes that this context's work changes <paramref name="kinds"/> of state; <see cref="ChangeNoticeInterceptor"/>
    /// tells the live pages once it is committed. Tracked changes and <c>ExecuteUpdate</c> are noted by themselves;
    /// prepared-SQL writers call this.
    /// </summary>
    public void Touched(ChangeKind kinds) => _touched |= kinds;

    /// <summary>The kinds noted since the last call, handed over once.</summary>
    internal ChangeKind TakeTouched()
    {
        var touched = _touched;
        _touched = ChangeKind.None;
        return touched;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SwitchboardDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
