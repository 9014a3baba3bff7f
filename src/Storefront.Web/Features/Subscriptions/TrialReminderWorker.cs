namespace Storefront.Web.Features.Subscriptions;

/// <summary>Checks for trials ending soon every hour (and at start-up); reminders are keyed per trial, so a restart or a second instance sends none twice.</summary>
public sealed partial class TrialReminderWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TrialReminderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TrialReminders>().SendDueAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFailed(logger, error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial reminders failed; will try again within the hour")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
