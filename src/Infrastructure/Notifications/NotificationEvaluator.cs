using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Domain.Notifications.Rules;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// Decides what one event means for each configuration: which apply, whose rule (or rule script) fires, who receives
/// what. The evaluation job queues what it finds; the test bench shows it, with the reason for every configuration
/// that sends nothing. Nothing here writes to the database. One evaluator serves one run (it remembers look-ups).
/// </summary>
public sealed class NotificationEvaluator
{
    private readonly SwitchboardDbContext _db;
    private readonly ITemplateRenderer _renderer;
    private readonly INotificationScripts _scripts;
    private readonly RecipientResolver _recipients;
    private readonly NotificationLimitsOptions _limits;
    private readonly TimeProvider _time;
    private readonly bool _render;
    private readonly Dictionary<string, Person?> _people = new(StringComparer.Ordinal);

    /// <param name="render">
    /// Render each message (the job and the test bench); a backtest only counts events and recipients, so it leaves the
    /// messages unrendered (<see cref="NotRendered"/>), and a template that would fail does not fail it.
    /// </param>
    public NotificationEvaluator(
        SwitchboardDbContext db, ITemplateRenderer renderer, INotificationScripts scripts, NotificationLimitsOptions limits, TimeProvider time,
        bool render = true)
    {
        (_db, _renderer, _scripts, _limits, _time, _render) = (db, renderer, scripts, limits, time, render);
        _recipients = new RecipientResolver(db, scripts, limits.MaxRecipients);
    }

    /// <summary>Where "today" is when the test bench says on which day a date watch would fire (<c>Notifications:DateWatch:TimeZone</c>).</summary>
    public TimeZoneInfo DateZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The e-mail of every planned message when the evaluator does not render.</summary>
    public static readonly RenderedEmail NotRendered = new("", "", "");

    /// <summary>Reads the people a chunk of events concerns (with their managers) in one query instead of one per event.</summary>
    public async Task LoadIdentitiesAsync(IEnumerable<string> usernames, CancellationToken cancellationToken)
    {
        var keys = usernames.Select(Person.KeyOf).Where(k => !_people.ContainsKey(k)).Distinct().ToList();
        foreach (var key in keys)
        {
            _people[key] = null;
        }

        foreach (var person in await _db.People.AsNoTracking().Include(p => p.Manager).Where(p => EF.Parameter(keys).Contains(p.UsernameKey)).ToListAsync(cancellationToken))
        {
            _people[person.UsernameKey] = person;
        }
    }

    /// <summary>
    /// Who an identity is for the events evaluated next, when the caller knows better than the database: the directory as
    /// of the event (the evaluation job, which applies identity events in batches before it evaluates them).
    /// </summary>
    public void UseIdentity(string username, Person? person) => _people[Person.KeyOf(username)] = person;

    /// <param name="explain">Also return a verdict for configurations that do not apply (the test bench); the job leaves them out.</param>
    public Task<IReadOnlyList<ConfigurationVerdict>> EvaluateAsync(
        EntityEvent entityEvent, ConfigurationSet configurations, bool explain, CancellationToken cancellationToken) =>
        EvaluateAsync(entityEvent, ScriptEventOf(entityEvent), configurations, explain, cancellationToken);

    /// <param name="scriptEvent">The event's states as <see cref="ScriptEventOf"/> reads them, when the caller has read them already.</param>
    /// <param name="explain">Also return a verdict for configurations that do not apply (the test bench); the job leaves them out.</param>
    public async Task<IReadOnlyList<ConfigurationVerdict>> EvaluateAsync(
        EntityEvent entityEvent, ScriptEvent scriptEvent, ConfigurationSet configurations, bool explain, CancellationToken cancellationToken)
    {
        var (before, after, changed) = (scriptEvent.Before, scriptEvent.After, scriptEvent.Changed);
        var change = new EntityChange(before.Attributes, after.Attributes, before.Eav, after.Eav);
        var identity = await IdentityAsync(entityEvent.Identity, after, before, cancellationToken);
        var verdicts = new List<ConfigurationVerdict>();
        foreach (var (configuration, rule) in explain ? configurations.All : configurations.MayFire(changed))
        {
            var mismatch = ConfigurationFilter.Check(configuration, entityEvent, identity.FormProjection);
            if (mismatch != FilterMismatch.None)
            {
                if (explain)
                {
                    verdicts.Add(Verdict(configuration, VerdictKind.NotApplicable, ConfigurationFilter.Describe(mismatch, configuration, entityEvent, identity.FormProjection)));
                }

                continue;
            }

            if (configuration.WatchDate is { } watch)
            {
                // A date watch fires on the day, not on the change: the job plans it (DatePlanner); the test bench says when.
                if (explain)
                {
                    verdicts.Add(Verdict(configuration, VerdictKind.DatePlanned, DatePlanned(watch, WatchedDate.In(watch, entityEvent.EventType, before, after))));
                }

                continue;
            }

            var verdict = await WithinBudgetAsync(configuration, async budget =>
            {
                var (kind, reason) = Decide(configuration, rule, change, scriptEvent, explain, budget);
                return kind == VerdictKind.Fired
                    ? await FiredAsync(entityEvent, configuration, identity, scriptEvent, changed, before, after, budget)
                    : Verdict(configuration, kind, reason);
            }, cancellationToken);
            if (verdict.Kind is VerdictKind.Fired or VerdictKind.Failed || explain)
            {
                verdicts.Add(verdict);
            }
        }

        return verdicts;
    }

    /// <summary>
    /// Runs one configuration's work for one event within its time (<see cref="NotificationLimitsOptions.TimePerConfiguration"/>):
    /// scripts and templates stop when it runs out, and the configuration fails for this event instead of holding up
    /// the configurations and events after it. A template that breaks a limit or does not parse fails it the same way.
    /// </summary>
    private async Task<ConfigurationVerdict> WithinBudgetAsync(
        NotificationConfiguration configuration, Func<CancellationToken, Task<ConfigurationVerdict>> work, CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(_limits.TimePerConfiguration, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            return await work(linked.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Verdict(configuration, VerdictKind.Failed,
                $"it took longer than {_limits.TimePerConfiguration.TotalSeconds:0.###} s for this event (Notifications:Limits:TimePerConfiguration)");
        }
        catch (TemplateLimitExceededException limit)
        {
            return Verdict(configuration, VerdictKind.Failed, $"template: {limit.Message}");
        }
        catch (InvalidOperationException template) when (template.Message.StartsWith("The template does not parse", StringComparison.Ordinal))
        {
            return Verdict(configuration, VerdictKind.Failed, $"template: {template.Message}");
        }
    }

    /// <summary>The event type templates and scripts see in a message a date watch sends on the day.</summary>
    public const string DateEventType = "DATE";

    /// <summary>
    /// What a date-watching configuration sends on the day for one person and date: the same recipients, channels and
    /// templates as a change, with the watched date as the only attribute of both states (changed: the attribute) and
    /// <see cref="DateEventType"/> as the event type.
    /// </summary>
    public async Task<ConfigurationVerdict> DateCameAsync(NotificationConfiguration configuration, string username, DateOnly date, CancellationToken cancellationToken)
    {
        var watch = configuration.WatchDate ?? throw new InvalidOperationException($"Configuration {configuration.Id} watches no date.");
        var (value, none) = (new Dictionary<string, string?> { [watch.Code] = DateValues.Write(date) }, new Dictionary<string, string?>());
        var state = watch.IsEav ? new TemplateState(none, value) : new TemplateState(value, none);
        var dateEvent = EntityEvent.Receive($"date:{configuration.Id}:{username}:{DateValues.Write(date)}", EntityTypes.IdmIdentity, DateEventType, username, username,
            null, null, null, null, "date watch", _time.GetUtcNow().UtcDateTime);
        var scriptEvent = new ScriptEvent(EntityTypes.IdmIdentity, DateEventType, username, null, state, state, [watch.Attribute]);
        var identity = await IdentityAsync(username, state, state, cancellationToken);
        return await WithinBudgetAsync(configuration, budget => FiredAsync(dateEvent, configuration, identity, scriptEvent, [watch.Attribute], state, state, budget), cancellationToken);
    }

    private string DatePlanned(DateWatch watch, WatchedDate seen)
    {
        if (!seen.Mentioned)
        {
            return $"watches {watch.Attribute}, which this event does not mention: nothing is planned or cancelled";
        }

        if (seen.Date is not { } date)
        {
            return $"{watch.Attribute} is removed: a planned notification for this person is cancelled";
        }

        return DatePlan.FireOn(watch, date, DatePlan.Today(_time, DateZone)) is { } fireOn
            ? $"would fire on {DateValues.Write(fireOn)} ({watch} {DateValues.Write(date)})"
            : $"{watch.Attribute} {DateValues.Write(date)} is past: nothing to notify";
    }

    /// <returns>Fired, RuleNotMatched (with the reason when explaining) or Failed (always with the reason).</returns>
    /// <summary>The event as scripts (and, through the same states, templates and rules) see it.</summary>
    public static ScriptEvent ScriptEventOf(EntityEvent entityEvent)
    {
        var (before, after) = (State(entityEvent.Before), State(entityEvent.After));
        var changed = Changed(new EntityChange(before.Attributes, after.Attributes, before.Eav, after.Eav));
        return new ScriptEvent(entityEvent.EntityType, entityEvent.EventType, entityEvent.Identity, entityEvent.System, before, after, changed);
    }

    private (VerdictKind Kind, string? Reason) Decide(
        NotificationConfiguration configuration, NotificationRule? rule, EntityChange change, ScriptEvent scriptEvent, bool explain,
        CancellationToken budget)
    {
        if (configuration.RuleScript is { } script)
        {
            var outcome = _scripts.Rule(script, scriptEvent, budget);
            return outcome.Failed ? (VerdictKind.Failed, $"rule script: {outcome.Error}")
                : outcome.Value ? (VerdictKind.Fired, null)
                : (VerdictKind.RuleNotMatched, "rule script returned false");
        }

        if (rule is null)
        {
            return (VerdictKind.Failed, $"the rule '{configuration.Rule}' does not parse");
        }

        return rule.Matches(change) ? (VerdictKind.Fired, null) : (VerdictKind.RuleNotMatched, explain ? $"rule: {rule.WhyNot(change)}" : null);
    }

    private async Task<ConfigurationVerdict> FiredAsync(
        EntityEvent entityEvent, NotificationConfiguration configuration, IdentityFacts identity, ScriptEvent scriptEvent,
        IReadOnlyList<string> changed, TemplateState before, TemplateState after, CancellationToken cancellationToken)
    {
        var resolved = await _recipients.ResolveAsync(configuration, identity, scriptEvent, cancellationToken);
        if (resolved.Failure is not null)
        {
            return new ConfigurationVerdict(configuration, VerdictKind.Failed, resolved.Failure, resolved.Skipped, []);
        }

        if (resolved.Recipients.Count > _limits.MaxRecipients)
        {
            return new ConfigurationVerdict(configuration, VerdictKind.Failed,
                $"it would write to {resolved.Recipients.Count} recipients, more than {_limits.MaxRecipients} (Notifications:Limits:MaxRecipients)",
                resolved.Skipped, []);
        }

        var messages = new List<PlannedMessage>(resolved.Recipients.Count);
        var skipped = resolved.Skipped;
        foreach (var recipient in resolved.Recipients)
        {
            if (configuration.SendEmail)
            {
                messages.Add(await PlanAsync(recipient, DeliveryChannel.Email));
            }

            if (configuration.SendMattermostDirect)
            {
                if (recipient.Username is null)
                {
                    skipped = [.. skipped, $"Mattermost direct message to {recipient.Email}: not a person of the directory"];
                }
                else
                {
                    messages.Add(await PlanAsync(recipient, DeliveryChannel.MattermostDirect));
                }
            }
        }

        if (configuration.PostToMattermostChannel)
        {
            messages.Add(await PlanAsync(ChannelRecipient, DeliveryChannel.MattermostChannel));
        }

        return new ConfigurationVerdict(configuration, VerdictKind.Fired, null, skipped, messages);

        async Task<PlannedMessage> PlanAsync(Recipient recipient, DeliveryChannel channel)
        {
            if (!_render)
            {
                return new PlannedMessage(recipient, NotRendered, channel);
            }

            var model = new TemplateModel(entityEvent.EntityType, entityEvent.EventType, configuration.Level.ToString().ToUpperInvariant(), entityEvent.System,
                changed, before, after,
                new TemplatePerson(identity.Username, identity.FirstName, identity.LastName, identity.Email, identity.ManagerUsername),
                new TemplateRecipient(recipient.Email, recipient.Username, recipient.Name),
                new TemplateConfiguration(configuration.Topic!.Code, configuration.Description));
            var template = channel == DeliveryChannel.Email ? configuration.Topic.Email : configuration.Topic.Mattermost;
            return new PlannedMessage(recipient, await _renderer.RenderAsync(template, model, cancellationToken), channel, model);
        }
    }

    /// <summary>Who a channel post goes to, as templates see it: no address and no username, the name "channel".</summary>
    public static readonly Recipient ChannelRecipient = new("", null, "channel");

    private static ConfigurationVerdict Verdict(NotificationConfiguration configuration, VerdictKind kind, string? reason) =>
        new(configuration, kind, reason, [], []);

    private async Task<IdentityFacts> IdentityAsync(string username, TemplateState after, TemplateState before, CancellationToken cancellationToken)
    {
        var key = Person.KeyOf(username);
        if (!_people.TryGetValue(key, out var person))
        {
            person = await _db.People.AsNoTracking().Include(p => p.Manager).SingleOrDefaultAsync(p => p.UsernameKey == key, cancellationToken);
            _people[key] = person;
        }

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
}
