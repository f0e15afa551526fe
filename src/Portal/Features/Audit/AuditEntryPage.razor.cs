using Microsoft.AspNetCore.Components;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Audit;

namespace Switchboard.Portal.Features.Audit;

/// <summary>
/// One audit entry: who (linked to their person page when the directory knows them), when, the action, the object linked
/// to its own page, and the difference it recorded as sentences with the raw JSON one click away. Entries never change,
/// so the page does not follow the change feed.
/// </summary>
public sealed partial class AuditEntryPage
{
    [Inject] private AuditService Audit { get; set; } = default!;

    private AuditEntryDetail? _detail;
    private bool _loaded;

    [Parameter] public long Id { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _detail = await Audit.EntryAsync(Id, Aborted);
        _loaded = true;
    }

    private static string ActorKindText(ActorKind kind) => kind switch
    {
        ActorKind.User => "a person",
        ActorKind.ApiKey => "an API key",
        _ => "Switchboard itself",
    };

    private static string ObjectText(AuditEntryView entry) => entry.ObjectId is null ? entry.ObjectType : $"{entry.ObjectType} · {entry.ObjectId}";
}
