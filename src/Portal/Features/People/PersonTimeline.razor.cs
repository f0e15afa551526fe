using Microsoft.AspNetCore.Components;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.People;

namespace Switchboard.Portal.Features.People;

/// <summary>
/// One person's timeline across every module, newest first, one module or all (the page keeps the choice in the
/// address), with Load more; live: a change in any module reads the lines shown again.
/// </summary>
public sealed partial class PersonTimeline
{
    public const int PageSize = 25;

    /// <summary>What the timeline reacts to: every kind of state one of its modules shows.</summary>
    public const ChangeKind FollowedChanges = ChangeKind.Event | ChangeKind.OutboxMessage | ChangeKind.Envelope | ChangeKind.ChatOpsCall
        | ChangeKind.TokenOutcome | ChangeKind.AuditEntry;

    private List<PersonTimelineEntry>? _entries;
    private PersonTimelineCursor? _next;
    private TimelineModule? _module;
    private string? _shownFor;
    private bool _loadingMore;

    [Inject] private PersonTimelineService Timeline { get; set; } = default!;

    [Parameter, EditorRequired] public string Username { get; set; } = "";

    /// <summary>The module shown, by name (as in the address); anything else shows all.</summary>
    [Parameter] public string? Module { get; set; }

    private string EmptyText => _module is null
        ? $"Nothing about {Username} yet: identity events, e-mails, provisioning envelopes, ChatOps calls, token runs and audit entries about them appear here."
        : $"No {ModuleName(_module.Value).ToLowerInvariant()} lines about {Username}.";

    protected override void OnInitialized() => RefreshOn(FollowedChanges, ReloadAsync);

    protected override async Task OnParametersSetAsync()
    {
        var module = Enum.TryParse<TimelineModule>(Module, ignoreCase: true, out var parsed) ? parsed : (TimelineModule?)null;
        var shownFor = $"{Username}\n{module}";
        if (shownFor == _shownFor)
        {
            return;
        }

        (_shownFor, _module, _entries, _next) = (shownFor, module, null, null);
        var page = await Timeline.PageAsync(Username, _module, null, PageSize, Aborted);
        (_entries, _next) = (page.Entries.ToList(), page.Next);
    }

    private async Task LoadMoreAsync()
    {
        _loadingMore = true;
        var page = await Timeline.PageAsync(Username, _module, _next, PageSize, Aborted);
        _entries!.AddRange(page.Entries);
        _next = page.Next;
        _loadingMore = false;
    }

    /// <summary>Reads again as many lines as are shown (at least a page), so a live update keeps what Load more brought.</summary>
    private async Task ReloadAsync()
    {
        if (_entries is null)
        {
            return;
        }

        var page = await Timeline.PageAsync(Username, _module, null, Math.Clamp(_entries.Count, PageSize, PersonTimelineService.MaxPageSize), Aborted);
        (_entries, _next) = (page.Entries.ToList(), page.Next);
    }

    /// <summary>The page of the object a line is about.</summary>
    private static string Href(PersonTimelineEntry entry) => entry.Module switch
    {
        TimelineModule.Identity => PageRoutes.Event(entry.Id),
        TimelineModule.Notifications => PageRoutes.Message(entry.Id),
        TimelineModule.Provisioning => PageRoutes.Envelope(entry.Id),
        TimelineModule.ChatOps => PageRoutes.ChatOpsCall(entry.Id),
        TimelineModule.Tokens => entry.Key is { } run && long.TryParse(run, System.Globalization.CultureInfo.InvariantCulture, out var runId) ? PageRoutes.TokenRun(runId) : PageRoutes.MattermostTokens,
        _ => PageRoutes.AuditEntry(entry.Id),
    };

    private static string ModuleName(TimelineModule module) => module switch
    {
        TimelineModule.Identity => "Identity events",
        TimelineModule.Notifications => "E-mails",
        TimelineModule.Tokens => "Mattermost tokens",
        _ => module.ToString(),
    };
}
