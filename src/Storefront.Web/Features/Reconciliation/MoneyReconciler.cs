using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Web.Data;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Subscriptions;

namespace Storefront.Web.Features.Reconciliation;

/// <summary>
/// Brings every money action to an end state without anyone watching a page: offer charges and plan changes whose
/// outcome is unknown, stale or waiting on a late webhook, and checkout orders Dodo has not told us about. It only
/// reads Dodo (lookups) and applies what it finds the way the webhook would; it never sends a charge. Safe to run on
/// every instance: each settlement moves state only from the state it read.
/// </summary>
public sealed partial class MoneyReconciler(
    IServiceScopeFactory scopes,
    IDbContextFactory<StorefrontDbContext> dbFactory,
    IOptions<ReconcilerOptions> options,
    IOptions<StoreOptions> store,
    TimeProvider clock,
    ILogger<MoneyReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, error);
            }
        }
    }

    /// <summary>One pass over everything due. Each item is settled on its own: one failing lookup does not stop the rest.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var offers = scope.ServiceProvider.GetRequiredService<OfferSettlement>();
        var plans = scope.ServiceProvider.GetRequiredService<PlanChangeSettlement>();
        var orders = scope.ServiceProvider.GetRequiredService<OrderQueries>();

        foreach (var attemptId in await offers.DueAsync(cancellationToken))
        {
            await SafelyAsync(() => offers.SettleAsync(attemptId, cancellationToken), "offer attempt", attemptId);
        }

        foreach (var quoteId in await plans.DueAsync(cancellationToken))
        {
            await SafelyAsync(() => plans.SettleAsync(quoteId, cancellationToken), "plan change", quoteId);
        }

        foreach (var order in await PendingCheckoutOrdersAsync(cancellationToken))
        {
            await SafelyAsync(async () => { await orders.SettlePendingAsync(order, cancellationToken); return true; }, "order", order.Id);
        }
    }

    /// <summary>Checkout orders still pending after Store:PaymentLookupAfterSeconds (the webhook is slower than usual).</summary>
    private async Task<List<Order>> PendingCheckoutOrdersAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lateSince = now - TimeSpan.FromSeconds(store.Value.PaymentLookupAfterSeconds);
        var oldest = now - TimeSpan.FromDays(1); // a checkout session lives 24 hours
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.Pending && o.CheckoutSessionId != null && o.OfferAttemptId == null
                && o.CreatedAt < lateSince && o.CreatedAt > oldest)
            .OrderBy(o => o.CreatedAt).Take(100).ToListAsync(cancellationToken);
    }

    private async Task SafelyAsync(Func<Task<bool>> settle, string what, Guid id)
    {
        try
        {
            await settle();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogItemFailed(logger, error, what, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciler pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling {What} {Id} failed; it is tried again on the next pass")]
    private static partial void LogItemFailed(ILogger logger, Exception error, string what, Guid id);
}
