using System.Collections.Concurrent;

namespace Storefront.Web.Features.Live;

/// <summary>
/// Tells a customer's open pages that something of theirs changed (an order paid, an offer charged, a plan switched),
/// so each re-reads once. Pages subscribe for their own customer and unsubscribe by disposing; a notification only
/// schedules each page's refresh on its own circuit, so a page that fails never fails the webhook, reconciler or
/// request that changed the state (shape of eShop's OrderStatusNotificationService). With several instances, the
/// change is also relayed to the others (<see cref="ICustomerChangeRelay"/>: PostgreSQL LISTEN/NOTIFY), whose pages
/// are told the same way.
/// </summary>
public sealed partial class CustomerChanges(ICustomerChangeRelay relay, ILogger<CustomerChanges> logger)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> byCustomer = new(StringComparer.Ordinal);

    /// <summary>Calls <paramref name="onChanged"/> after each change to this customer until the result is disposed.</summary>
    public IDisposable Subscribe(string userId, Func<Task> onChanged)
    {
        var subscription = new Subscription(this, userId, onChanged);
        byCustomer.GetOrAdd(userId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    /// <summary>
    /// Lets every page of the customer know, on this instance and the others. Returns once each page here has been
    /// told; the pages reload on their own circuits, and their errors stay there.
    /// </summary>
    public Task NotifyAsync(string userId) => Task.WhenAll(NotifyLocalAsync(userId), relay.PublishAsync(userId));

    /// <summary>Tells this instance's pages only (a change another instance made and relayed).</summary>
    public Task NotifyLocalAsync(string userId) => byCustomer.TryGetValue(userId, out var subscriptions)
        ? Task.WhenAll(subscriptions.Keys.Select(TellAsync))
        : Task.CompletedTask;

    /// <summary>How many pages listen for the customer (tests and diagnostics).</summary>
    public int ListenerCount(string userId) => byCustomer.TryGetValue(userId, out var subscriptions) ? subscriptions.Count : 0;

    /// <summary>A page whose circuit is gone (or that misbehaves) is logged, never reported to the caller.</summary>
    private async Task TellAsync(Subscription subscription)
    {
        try
        {
            await subscription.NotifyAsync();
        }
        catch (Exception error)
        {
            LogPageFailed(logger, error, subscription.UserId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A page of customer {UserId} could not be told about a change")]
    private static partial void LogPageFailed(ILogger logger, Exception error, string userId);

    private void Remove(Subscription subscription)
    {
        if (byCustomer.TryGetValue(subscription.UserId, out var subscriptions))
        {
            subscriptions.TryRemove(subscription, out _);
        }
    }

    private sealed class Subscription(CustomerChanges owner, string userId, Func<Task> onChanged) : IDisposable
    {
        public string UserId { get; } = userId;

        public Task NotifyAsync() => onChanged();

        public void Dispose() => owner.Remove(this);
    }
}
