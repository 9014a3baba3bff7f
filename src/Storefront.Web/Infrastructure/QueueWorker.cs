namespace Storefront.Web;

/// <summary>
/// A background worker that drains a database queue: it takes due items one at a time until none is due, then waits
/// for <see cref="Wake"/> (new work stored by this instance) or a short poll (work stored by another instance, or
/// falling due later). A failing pass is logged and tried again a second later.
/// </summary>
public abstract partial class QueueWorker(ILogger logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim wake = new(0);

    public void Wake() => wake.Release();

    /// <summary>Handles one due item; false when none is due.</summary>
    protected abstract Task<bool> HandleNextAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await HandleNextAsync(stoppingToken))
                {
                }

                await wake.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                LogPassFailed(logger, error, GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker}: a pass over its queue failed")]
    private static partial void LogPassFailed(ILogger logger, Exception error, string worker);
}
