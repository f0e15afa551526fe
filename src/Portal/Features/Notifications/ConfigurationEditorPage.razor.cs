using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.People;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>Creates, edits or clones a notification configuration, with the script test on a sample event.</summary>
public sealed partial class ConfigurationEditorPage
{
    [Inject] private NotificationTopicsService Topics { get; set; } = default!;
    [Inject] private NotificationConfigurationsService Configurations { get; set; } = default!;
    [Inject] private TestBenchService TestBench { get; set; } = default!;
    [Inject] private PeopleService People { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private ConfigurationForm _form = new();
    private IReadOnlyList<TopicRow> _topics = [];
    private IReadOnlyList<RoleSummary> _roles = [];
    private Dictionary<string, string> _errors = [];
    private bool _loaded;
    private string? _sampleEvent;
    private ScriptTestResult? _scriptResult;
    private string? _webhookHint;

    [Parameter] public int? Id { get; set; }

    /// <summary>A configuration to start a new one from (Clone).</summary>
    [SupplyParameterFromQuery] public int? From { get; set; }

    /// <summary>The list this editor was opened from (its tab and filters), where Save and Cancel return.</summary>
    [SupplyParameterFromQuery(Name = QueryState.ReturnUrlName)] public string? ReturnUrl { get; set; }

    private string ListHref => QueryState.ReturnTo(ReturnUrl, PageRoutes.NotificationsTab("configurations"));

    protected override async Task OnInitializedAsync()
    {
        _topics = await Topics.TopicsAsync(Aborted);
        _roles = await People.RolesAsync(Aborted);
        if ((Id ?? From) is { } id)
        {
            var draft = await Configurations.ConfigurationAsync(id, Aborted);
            if (draft is null)
            {
                Navigation.NavigateTo(ListHref);
                return;
            }

            _form = ConfigurationForm.From(Id is null ? draft with { Description = $"Copy of {id}: {draft.Description}".TrimEnd(' ', ':') } : draft);
            // A clone gets no webhook: the URL is a secret of the configuration it was stored for.
            _webhookHint = Id is null ? null : await Configurations.WebhookHintAsync(id, Aborted);
        }

        _loaded = true;
    }

    private async Task TestScriptAsync(ScriptTestRequest request)
    {
        var (kind, script) = request;
        _sampleEvent ??= TestBenchService.SampleEvent(_form.EntityType);
        _scriptResult = string.IsNullOrWhiteSpace(script) ? new ScriptTestResult(false, "Write the script first.")
            : await TestBench.TestScriptAsync(kind, script, _sampleEvent, Aborted);
    }

    private async Task SaveAsync() => await AttemptAsync(async () =>
    {
        var id = await Configurations.SaveConfigurationAsync(await UserAsync(), Id, _form.ToDraft(), Aborted);
        Snackbar.Add($"Configuration {id} saved.", Severity.Success);
        Navigation.NavigateTo(ListHref);
    }, invalid => _errors = new(invalid));
}
