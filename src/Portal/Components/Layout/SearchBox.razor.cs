using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Switchboard.Infrastructure.Search;

namespace Switchboard.Portal.Components.Layout;

public sealed partial class SearchBox : IAsyncDisposable
{
    private const int PerKind = 5;
    private IJSObjectReference? _shortcut;

    [Inject] private PortalSearch Search { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _shortcut = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Layout/SearchBox.razor.js");
            await _shortcut.InvokeVoidAsync("focusOnCtrlK", ".portal-search input");
        }
    }

    private async Task<IEnumerable<SearchHit>> SearchAsync(string text, CancellationToken cancellationToken) =>
        await Search.SearchAsync(text, PerKind, cancellationToken);

    private void Open(SearchHit? hit)
    {
        if (hit is not null)
        {
            Navigation.NavigateTo(LinkTo(hit));
        }
    }

    /// <summary>The page a hit opens: the object's own page, for every kind.</summary>
    public static string LinkTo(SearchHit hit) => hit.Kind switch
    {
        SearchHitKind.Person => PageRoutes.Person(hit.Key),
        SearchHitKind.Envelope => PageRoutes.Envelope(long.Parse(hit.Key, CultureInfo.InvariantCulture)),
        SearchHitKind.Configuration => PageRoutes.Configuration(int.Parse(hit.Key, CultureInfo.InvariantCulture)),
        SearchHitKind.Topic => PageRoutes.Topic(hit.Key),
        SearchHitKind.ChatOpsCall => PageRoutes.ChatOpsCall(long.Parse(hit.Key, CultureInfo.InvariantCulture)),
        SearchHitKind.Message => PageRoutes.Message(long.Parse(hit.Key, CultureInfo.InvariantCulture)),
        _ => PageRoutes.Dashboard,
    };

    private static string KindName(SearchHitKind kind) => kind switch
    {
        SearchHitKind.ChatOpsCall => "ChatOps call",
        _ => kind.ToString(),
    };

    public async ValueTask DisposeAsync()
    {
        if (_shortcut is not null)
        {
            try
            {
                await _shortcut.InvokeVoidAsync("release");
                await _shortcut.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The page is gone, and its listener with it.
            }
        }
    }
}
