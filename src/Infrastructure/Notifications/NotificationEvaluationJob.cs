using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Rules;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Email;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// Evaluates stored events, in arrival order, against every enabled configuration that applies; each firing
/// configuration queues one rendered message per recipient in the outbox (one change, one message per recipient per
/// configuration). Rules are parsed once per run, not per event. What happened is noted on the event.
/// </summary>
public sealed partial class NotificationEvaluationJob(
    JobRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<NotificationEvaluationJob> logger)
    : PeriodicJob(Descriptor, registry, scopes, time, logger)
{
    public const string Name = "notification-evaluation";
    private const int ChunkSize = 200;

    private static readonly JobDescriptor Descriptor = new(Name, "Evaluates received events against the notification configurations and queues e-mails.", TimeSpan.FromSeconds(30), RunAtStart: true);

    protected override async Task<JobRunResult> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var contextFactory = services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();
        var renderer = services.GetRequiredService<ITemplateRenderer>();
        var (events, queued) = (0, 0);
        List<(NotificationConfiguration Configuration, NotificationRule? Rule)>? configurations = null;
        while (true)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            configurations ??= (await db.NotificationConfigurations.AsNoTracking().Include(c => c.Topic).Where(c => !c.Disabled).ToListAsync(cancellationToken))
                .Select(c => (c, RuleParser.Parse(c.Rule).Rule))
                .ToList();
            var pending = await db.EntityEvents.Where(e => !e.Evaluated).OrderBy(e => e.Id).Take(ChunkSize).ToListAsync(cancellationToken);
            if (pending.Count == 0)
            {
                break;
            }

            var recipients = new RecipientResolver(db);
            foreach (var entityEvent in pending)
            {
                var notes = new List<string>();
                try
                {
                    queued += await EvaluateAsync(db, recipients, renderer, configurations, entityEvent, notes, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogEvaluationFailed(logger, ex, entityEvent.EventId);
                    notes.Add($"evaluation failed: {ex.Message}");
                }

                entityEvent.RecordEvaluation(notes.Count == 0 ? null : string.Join("; ", notes), Time.GetUtcNow().UtcDateTime);
                events++;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (queued > 0)
        {
            Registry.Find(OutboxSenderJob.Name)?.RequestRun();
        }

        return events == 0 ? JobRunResult.Skipped("no events waiting") : JobRunResult.Succeeded($"{events} events evaluated, {queued} messages queued");
    }

    private async Task<int> EvaluateAsync(
        SwitchboardDbContext db, RecipientResolver recipientResolver, ITemplateRenderer renderer,
        List<(NotificationConfiguration Configuration, NotificationRule? Rule)> configurations,
        EntityEvent entityEvent, List<string> notes, CancellationToken cancellationToken)
    {
        var (before, after) = (State(entityEvent.Before), State(entityEvent.After));
        var change = new EntityChange(before.Attributes, after.Attributes, before.Eav, after.Eav);
        var identity = await IdentityAsync(db, entityEvent.Identity, after, before, cancellationToken);
        var queued = 0;
        foreach (var (configuration, rule) in configurations)
        {
            if (!ConfigurationFilter.AppliesTo(configuration, entityEvent, identity.FormProjection) || rule is null || !rule.Matches(change))
            {
                continue;
            }

            var (recipients, skipped) = await recipientResolver.ResolveAsync(configuration, identity, cancellationToken);
            notes.Add($"configuration {configuration.Id} fired: {recipients.Count} recipients");
            notes.AddRange(skipped.Select(s => $"configuration {configuration.Id} skipped {s}"));
            foreach (var recipient in recipients)
            {
                var model = new TemplateModel(entityEvent.EntityType, entityEvent.EventType, configuration.Level.ToString().ToUpperInvariant(), entityEvent.System,
                    Changed(change), before, after,
                    new TemplatePerson(identity.Username, identity.FirstName, identity.LastName, identity.Email, identity.ManagerUsername),
                    new TemplateRecipient(recipient.Email, recipient.Username, recipient.Name),
                    new TemplateConfiguration(configuration.Topic!.Code, configuration.Description));
                var email = await renderer.RenderAsync(configuration.Topic.Email, model, cancellationToken);
                db.OutboxMessages.Add(OutboxMessage.Queue(entityEvent.Id, configuration.Id, configuration.Topic.Code, configuration.Level,
                    recipient.Email, recipient.Username, email.Subject, email.HtmlBody, email.TextBody, Time.GetUtcNow().UtcDateTime));
                queued++;
            }
        }

        return queued;
    }

    private static async Task<IdentityFacts> IdentityAsync(
        SwitchboardDbContext db, string username, TemplateState after, TemplateState before, CancellationToken cancellationToken)
    {
        var key = Person.KeyOf(username);
        var person = await db.People.AsNoTracking().Include(p => p.Manager).SingleOrDefaultAsync(p => p.UsernameKey == key, cancellationToken);
        string? Said(string attribute) => after.Attributes.GetValueOrDefault(attribute) ?? before.Attributes.GetValueOrDefault(attribute);
        return new IdentityFacts(
            person?.Username ?? username,
            person,
            person?.Email ?? Said("email"),
            person?.FirstName ?? Said("firstName"),
            person?.LastName ?? Said("lastName"),
            person?.Manager?.Username ?? Said("manager"),
            person?.FormProjection ?? Said("formProjection"));
    }

    private static TemplateState State(string? json)
    {
        if (json is null)
        {
            return new TemplateState(new Dictionary<string, string?>(), new Dictionary<string, string?>());
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new TemplateState(
            RuleText.OfObject(root.TryGetProperty("attributes", out var attributes) ? attributes : null),
            RuleText.OfObject(root.TryGetProperty("eav", out var eav) ? eav : null));
    }

    private static List<string> Changed(EntityChange change) =>
        Differences(change.BeforeAttributes, change.AfterAttributes).Concat(Differences(change.BeforeEav, change.AfterEav).Select(c => $"EAV:{c}")).ToList();

    private static IEnumerable<string> Differences(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after) =>
        before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(k => !string.Equals(before.GetValueOrDefault(k), after.GetValueOrDefault(k), StringComparison.Ordinal));

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating event {EventId} failed")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception, string eventId);
}
