using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Provisioning;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Provisioning;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Provisioning;

/// <summary>One envelope: failure, original request, schema check, timeline; rerun (as sent or edited), resolve, archive, investigation notes.</summary>
public sealed partial class EnvelopePage
{
    /// <summary>How long the page follows a rerun for the daemon's reply, and how often it looks.</summary>
    private const int FollowReplyChecks = 30;
    private static readonly TimeSpan FollowReplyEvery = TimeSpan.FromSeconds(1);

    [Inject] private ProvisioningService Provisioning { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private AccountOwners Owners { get; set; } = default!;

    private EnvelopeDetail? _detail;
    private bool _loaded;
    private bool _busy;
    private string? _assignee;
    private string? _tags;
    private IReadOnlyList<PersonLink> _owners = [];

    [Parameter] public long Id { get; set; }

    private bool CanRerun => _detail is { RerunBlockedBecause: null };

    protected override void OnInitialized() => RefreshOn(ChangeKind.Envelope, LoadAsync);

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _detail = await Provisioning.EnvelopeAsync(Id, Aborted);
        _owners = _detail is { Envelope: var envelope }
            ? await Owners.OfAccountAsync(envelope.Email, envelope.GoogleId, envelope.GramAccountUuid, Aborted)
            : [];
        _loaded = true;
        _assignee = _detail?.Envelope.AssignedTo;
        _tags = _detail is null ? null : string.Join(", ", _detail.Envelope.Tags);
    }

    private static Color ToneColor(TimelineTone tone) => tone switch
    {
        TimelineTone.Success => Color.Success,
        TimelineTone.Warning => Color.Warning,
        TimelineTone.Failure => Color.Error,
        _ => Color.Default,
    };

    private async Task RerunAsync()
    {
        var warning = _detail!.LaterSuccessAt is not null ? " This account succeeded later: it may already be fixed." : "";
        if (await Dialogs.ShowMessageBoxAsync("Rerun", $"Publish the original request to the daemon again, with a new message id?{warning}", yesText: "Rerun", cancelText: "Cancel") == true)
        {
            await SendAsync(null);
        }
    }

    private async Task EditAndRerunAsync()
    {
        var parameters = new DialogParameters<EditAndRerunDialog> { { d => d.RoutingKey, _detail!.Request!.RoutingKey }, { d => d.Body, _detail.Request.Body ?? "{}" } };
        var dialog = await Dialogs.ShowAsync<EditAndRerunDialog>("Edit and rerun", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: string body })
        {
            await SendAsync(body);
        }
    }

    private async Task SendAsync(string? body)
    {
        _busy = true;
        try
        {
            var user = await UserAsync();
            await AttemptAsync(async () =>
            {
                var result = await Provisioning.RerunAsync(user, Id, body, Aborted);
                Snackbar.Add(result.Published ? "Rerun published; the daemon's reply will show on the timeline." : result.Problem!, result.Published ? Severity.Success : Severity.Error);
            });
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
        if (_detail?.Envelope.State == EnvelopeState.Rerunning)
        {
            _ = FollowReplyAsync();
        }
    }

    /// <summary>Refreshes for a while after a rerun, so the daemon's reply shows without a reload; stops when the page goes away.</summary>
    private async Task FollowReplyAsync()
    {
        try
        {
            for (var i = 0; i < FollowReplyChecks && _detail?.Envelope.State == EnvelopeState.Rerunning; i++)
            {
                await Task.Delay(FollowReplyEvery, Aborted);
                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (Aborted.IsCancellationRequested)
        {
        }
    }

    private Task ResolveAsync() => WithNoteAsync("Resolve", "What was done? The note stays on the timeline.", true,
        (user, note) => Provisioning.ResolveAsync(user, [Id], note, null, Aborted), "Resolved.");

    private Task AddNoteAsync() => WithNoteAsync("Add note", "Add a note to this envelope's timeline.", true,
        (user, note) => Provisioning.AddNoteAsync(user, Id, note, Aborted), "Note added.");

    private Task ReopenAsync() => ActAsync(user => Provisioning.ReopenAsync(user, Id, Aborted), "Reopened.");

    private async Task ArchiveOrRestoreAsync()
    {
        if (_detail!.Envelope.Archived)
        {
            await ActAsync(user => Provisioning.RestoreAsync(user, [Id], Aborted), "Restored.");
        }
        else
        {
            await WithNoteAsync("Archive", "Archive this envelope? It leaves the open list and can be restored.", false,
                (user, note) => Provisioning.ArchiveAsync(user, [Id], note.Length == 0 ? null : note, null, Aborted), "Archived.");
        }
    }

    private async Task SaveInvestigationAsync()
    {
        var tags = (_tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await ActAsync(async user =>
        {
            if (_assignee?.Trim() != _detail!.Envelope.AssignedTo)
            {
                await Provisioning.AssignAsync(user, Id, _assignee, Aborted);
            }

            if (!tags.SequenceEqual(_detail.Envelope.Tags))
            {
                await Provisioning.TagAsync(user, Id, tags, Aborted);
            }

            return 1;
        }, "Saved.");
    }

    private async Task WithNoteAsync(string title, string question, bool required, Func<ClaimsPrincipal, string, Task<int>> act, string done)
    {
        if (await NoteDialog.AskAsync(Dialogs, title, question, required) is { } note)
        {
            await ActAsync(user => act(user, note), done);
        }
    }

    /// <summary>Runs one action on the envelope as the signed-in user, says it is done (or why not), and shows the envelope again.</summary>
    private async Task ActAsync(Func<ClaimsPrincipal, Task<int>> act, string done)
    {
        var user = await UserAsync();
        if (await AttemptAsync(() => act(user)))
        {
            Snackbar.Add(done, Severity.Success);
        }

        await LoadAsync();
    }
}
