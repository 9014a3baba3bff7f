using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Storefront.Web.Features.Webhooks;

/// <summary>
/// Refused webhook deliveries (bad signature, stale timestamp, missing headers, oversized or unreadable bodies),
/// counted per reason and logged as one line per reason per minute. A flood of forged requests then costs a
/// counter increment each instead of a log line each, and the log still says what was refused and how often.
/// </summary>
public sealed partial class WebhookRefusals(TimeProvider clock, ILogger<WebhookRefusals> logger) : BackgroundService
{
    public static readonly TimeSpan ReportEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, StrongBox<long>> counts = new(StringComparer.Ordinal);

    public void Count(string reason) => Interlocked.Increment(ref counts.GetOrAdd(reason, _ => new StrongBox<long>()).Value);

    /// <summary>Logs and resets the counts since the last report; returns what it logged.</summary>
    public IReadOnlyDictionary<string, long> Report()
    {
        var reported = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, count) in counts)
        {
            var since = Interlocked.Exchange(ref count.Value, 0);
            if (since > 0)
            {
                reported[reason] = since;
                LogRefused(logger, since, reason, ReportEvery.TotalMinutes);
            }
        }

        return reported;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ReportEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Report();
            }
        }
        finally
        {
            Report();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Count} webhook deliveries ({Reason}) in the last {Minutes} minute(s)")]
    private static partial void LogRefused(ILogger logger, long count, string reason, double minutes);
}
