namespace Storefront.Web;

/// <summary>
/// A background worker that drains a database queue: it takes due work (an item, or a batch) until none is due, then
/// waits for <see cref="Wake"/> (new work stored by this instance) or a short poll (work stored by another instance,
/// or falling due later). A failing pass is logged and tried again a second later.
/// </summary>
public abstract partial class QueueWorker(ILogger logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim wake = new(0);
    private int woken;

    /// <summary>
    /// New work is due. Many calls while a pass runs count as one: a burst of deliveries must not leave thousands of
    /// empty passes queued behind it.
    /// </summary>
    public void Wake()
    {
        if (Interlocked.Exchange(ref woken, 1) == 0)
        {
            wake.Release();
        }
    }

    /// <summary>Handles the next due item or batch; false when none is due.</summary>
    protected abstract Task<bool> HandleNextAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Reset before the pass: work stored during it wakes the next one.
                Volatile.Write(ref woken, 0);
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
