using Microsoft.Extensions.Options;

namespace Storefront.Web.Features.Reconciliation;

/// <summary>
/// Brings every money action to an end state without anyone watching a page: offer charges and plan changes whose
/// outcome is unknown, stale or waiting on a late webhook, and checkout orders Dodo has not told us about. It only
/// reads Dodo (lookups) and applies what it finds the way the webhook would; it never sends a charge. Safe to run on
/// every instance: each settlement moves state only from the state it read. The kinds of action are the features'
/// <see cref="IMoneySettlement"/> registrations.
/// </summary>
public sealed partial class MoneyReconciler(
    IServiceScopeFactory scopes,
    IOptions<ReconcilerOptions> options,
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
        foreach (var settlement in scope.ServiceProvider.GetServices<IMoneySettlement>())
        {
            foreach (var id in await settlement.DueAsync(cancellationToken))
            {
                await SafelyAsync(() => settlement.SettleAsync(id, cancellationToken), settlement.What, id);
            }
        }
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
