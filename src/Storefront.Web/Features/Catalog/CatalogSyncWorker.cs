using Microsoft.Extensions.Options;

namespace Storefront.Web.Features.Catalog;

public sealed class CatalogSyncOptions
{
    public const string Section = "Catalog";

    /// <summary>How often the catalog is refreshed from Dodo's product list; 0 turns the periodic refresh off.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1440)]
    public int SyncEveryMinutes { get; set; } = 15;
}

/// <summary>
/// Refreshes the catalog from Dodo when the store starts (a new deployment sells at once, not after the first
/// interval) and then on a timer; the admin's "Sync now" does the same on demand.
/// </summary>
public sealed partial class CatalogSyncWorker(IServiceScopeFactory scopes, IOptions<CatalogSyncOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<CatalogSyncWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.SyncEveryMinutes;
        if (minutes == 0)
        {
            return;
        }

        // After start-up, not during it: on the in-process sandbox, Dodo is this app's own listening address.
        await WhenStartedAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                LogSynced(logger, await scope.ServiceProvider.GetRequiredService<CatalogSync>().SyncAsync(stoppingToken));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFailed(logger, error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog synced from Dodo: {Result}")]
    private static partial void LogSynced(ILogger logger, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog sync from Dodo failed; will try again on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
