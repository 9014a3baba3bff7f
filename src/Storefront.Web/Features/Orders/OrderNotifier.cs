namespace Storefront.Web.Features.Orders;

/// <summary>
/// Tells open pages that something about a customer changed (an order was paid, an offer charged, a plan switched),
/// so they re-read and re-render without a reload. One process: with several instances each instance tells its own
/// circuits about the webhooks it processed; pages also re-check on a timer (see OrderPage).
/// </summary>
public sealed class OrderNotifier
{
    public event Func<string, Task>? CustomerChanged;

    public async Task NotifyAsync(string userId)
    {
        var handlers = CustomerChanged;
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Func<string, Task>>())
        {
            await handler(userId);
        }
    }
}
