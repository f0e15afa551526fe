using Microsoft.AspNetCore.Components;
using MudBlazor;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Portal.Components;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>Creates or edits a topic: its Liquid templates checked as they are typed, a preview on a sample event, Save.</summary>
public sealed partial class TopicEditorPage
{
    private static readonly TemplateModel Sample = new("IdmIdentity", "UPDATE", "WARNING", null, ["state"],
        new TemplateState(new Dictionary<string, string?> { ["state"] = "VALID" }, new Dictionary<string, string?> { ["clinicCode"] = "100" }),
        new TemplateState(new Dictionary<string, string?> { ["state"] = "LEFT" }, new Dictionary<string, string?> { ["clinicCode"] = "100" }),
        new TemplatePerson("jan.novak", "Jan", "Novák", "jan.novak@hospital.example", "richard.maly"),
        new TemplateRecipient("richard.maly@hospital.example", "richard.maly", "Richard Malý"),
        new TemplateConfiguration("identity:state-changed", "State changes to the manager"));

    [Inject] private NotificationTopicsService Topics { get; set; } = default!;
    [Inject] private ITemplateRenderer Templates { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private string _code = "";
    private string? _description;
    private string _subject = "";
    private string _html = "";
    private string _text = "";
    private string? _mattermost;
    private string? _mattermostPreview;
    private string? _digestSubject;
    private string? _digestHtml;
    private string? _digestText;
    private RenderedEmail? _digestPreview;
    private Dictionary<string, string> _templateErrors = [];
    private Dictionary<string, string> _errors = [];
    private RenderedEmail? _preview;

    [Parameter] public string? Code { get; set; }

    /// <summary>The list this editor was opened from (its tab and filters), where Save and Cancel return.</summary>
    [SupplyParameterFromQuery(Name = QueryState.ReturnUrlName)] public string? ReturnUrl { get; set; }

    private string ListHref => QueryState.ReturnTo(ReturnUrl, PageRoutes.NotificationsTab("topics"));

    private bool AllValid => _templateErrors.Count == 0;

    protected override async Task OnInitializedAsync()
    {
        if (Code is not null && await Topics.TopicAsync(Code, Aborted) is { } topic)
        {
            (_code, _description, _subject, _html, _text, _mattermost) = (topic.Code, topic.Description, topic.Subject, topic.HtmlBody, topic.TextBody, topic.MattermostBody);
            (_digestSubject, _digestHtml, _digestText) = (topic.Digest?.Subject, topic.Digest?.HtmlBody, topic.Digest?.TextBody);
        }

        Check();
    }

    /// <summary>The digest as the editor has it; null while its subject is empty (the topic then uses the default digest).</summary>
    private EmailTemplate? Digest => string.IsNullOrWhiteSpace(_digestSubject) ? null : new(_digestSubject, _digestHtml ?? "", _digestText ?? "");

    private void Check() => _templateErrors = new[] { _subject, _html, _text, _mattermost ?? "", _digestSubject ?? "", _digestHtml ?? "", _digestText ?? "" }
        .Distinct()
        .Select(t => (Template: t, Check: Templates.Check(t ?? "")))
        .Where(c => !c.Check.Valid)
        .ToDictionary(c => c.Template ?? "", c => c.Check.Line is null ? c.Check.Error! : $"line {c.Check.Line}, column {c.Check.Column}: {c.Check.Error}");

    private bool Invalid(string? template) => _templateErrors.ContainsKey(template ?? "");

    private string? ErrorOf(string? template) => _templateErrors.GetValueOrDefault(template ?? "");

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Of(string field) => _errors.GetValueOrDefault(field);

    private async Task PreviewAsync()
    {
        _preview = await Templates.RenderAsync(new EmailTemplate(_subject, _html, _text), Sample, Aborted);
        _mattermostPreview = string.IsNullOrWhiteSpace(_mattermost) ? null
            : (await Templates.RenderAsync(new EmailTemplate(_subject, "", _mattermost), Sample, Aborted)).TextBody;
        var second = Sample with { Changed = ["EAV:clinicCode"], After = Sample.After with { Eav = new Dictionary<string, string?> { ["clinicCode"] = "200" } } };
        _digestPreview = await Templates.RenderDigestAsync(Digest ?? DigestTemplates.Default, new DigestModel([Sample, second], Sample.Recipient, Sample.Configuration), Aborted);
    }

    private async Task SaveAsync() => await AttemptAsync(async () =>
    {
        await Topics.SaveTopicAsync(await UserAsync(), new TopicDraft(_code, _description, _subject, _html, _text, _mattermost, Digest), Aborted);
        Snackbar.Add($"Topic {_code} saved.", Severity.Success);
        Navigation.NavigateTo(ListHref);
    }, invalid => _errors = new(invalid));
}
