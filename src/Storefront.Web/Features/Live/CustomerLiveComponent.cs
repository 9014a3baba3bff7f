using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Storefront.Web.Identity;

namespace Storefront.Web.Features.Live;

/// <summary>
/// Base for interactive customer components that re-read their data when something changes for the signed-in
/// customer (<see cref="CustomerChanges"/>), so the open page updates without a reload: once per change, on this
/// circuit. A failure while refreshing is dispatched to this component's circuit (its error UI), never thrown back
/// at whoever reported the change. <see cref="Interactive"/> turns true once the circuit is live (browser tests
/// wait for data-interactive="true").
/// </summary>
public abstract class CustomerLiveComponent : ComponentBase, IDisposable
{
    private IDisposable? subscription;

    [Inject] private CustomerChanges Changes { get; set; } = default!;

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
        if (UserId is not null)
        {
            subscription = Changes.Subscribe(UserId, RefreshAsync);
        }

        OnCircuitStarted();

        // Read again now that we listen: a change made between the first read and the subscription would otherwise
        // be missed until the next one.
        _ = RefreshAsync();
    }

    /// <summary>Called once, when the component becomes interactive.</summary>
    protected virtual void OnCircuitStarted()
    {
    }

    /// <summary>Re-reads and re-renders on this component's circuit; errors stay on the circuit.</summary>
    protected Task RefreshAsync() => InvokeAsync(async () =>
    {
        try
        {
            await ReloadAsync();
            StateHasChanged();
        }
        catch (Exception error)
        {
            await DispatchExceptionAsync(error);
        }
    });

    public void Dispose()
    {
        subscription?.Dispose();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
