using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Storefront.Web.Identity;

namespace Storefront.Web.Features.Orders;

/// <summary>
/// Base for interactive customer components that re-read their data when a webhook changes something for the
/// signed-in customer (via <see cref="OrderNotifier"/>), so the open page updates without a reload.
/// <see cref="Interactive"/> turns true once the circuit is live (browser tests wait for data-interactive="true").
/// </summary>
public abstract class CustomerLiveComponent : ComponentBase, IDisposable
{
    [Inject] private OrderNotifier Notifier { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The signed-in customer's id, or null for a visitor.</summary>
    protected string? UserId { get; private set; }

    protected bool Interactive { get; private set; }

    protected string InteractiveMarker => Interactive ? "true" : "false";

    protected abstract Task ReloadAsync();

    protected override async Task OnInitializedAsync()
    {
        UserId = (await AuthenticationState).User.UserId();
        await ReloadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        Interactive = true;
        Notifier.CustomerChanged += OnCustomerChangedAsync;
        OnCircuitStarted();

        // Read again now that we listen: a webhook processed between the first read and the subscription would
        // otherwise be missed until the next one.
        _ = RefreshAsync();
    }

    /// <summary>Called once, when the component becomes interactive.</summary>
    protected virtual void OnCircuitStarted()
    {
    }

    protected Task RefreshAsync() => InvokeAsync(async () =>
    {
        await ReloadAsync();
        StateHasChanged();
    });

    private Task OnCustomerChangedAsync(string changedUserId) => changedUserId == UserId ? RefreshAsync() : Task.CompletedTask;

    public void Dispose()
    {
        Notifier.CustomerChanged -= OnCustomerChangedAsync;
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
