using System.Globalization;
using System.Text;
using Dodo.Payments.Webhooks;
using Dodo.Sandbox.Control;
using Dodo.Sandbox.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dodo.Sandbox.Webhooks;

/// <summary>
/// Sends queued events to the store, signed with the webhook secret (Standard Webhooks). A delivery that does not
/// get a 2xx within the timeout is retried on Dodo's schedule, time-compressed by
/// <see cref="SandboxOptions.WebhookRetryTimeScale"/>; the webhook-id stays the same across retries, and each
/// attempt carries the resource's latest state (<see cref="LatestState"/>).
/// </summary>
internal sealed partial class WebhookDispatcher(
    IDbContextFactory<SandboxDbContext> dbFactory,
    IHttpClientFactory httpFactory,
    IOptions<SandboxOptions> options,
    SandboxControls controls,
    WebhookOutbox outbox,
    SandboxEndpointAddress address,
    SandboxClock clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "dodo-sandbox-webhooks";

    /// <summary>Dodo's documented retry delays after a failed attempt.</summary>
    private static readonly TimeSpan[] RetrySchedule =
    [
        TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    private readonly SemaphoreSlim wake = new(0);
    private readonly WebhookSigner signer = new(options.Value.WebhookSecret);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        outbox.Enqueued += () => wake.Release();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
                await wake.WaitAsync(TimeSpan.FromMilliseconds(250), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                LogDispatchFailed(logger, error);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        if (controls.HoldDeliveries)
        {
            controls.CountHeldPass();
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        var pending = db.WebhookDeliveries.Where(d => d.DeliveredAt == null && !d.GaveUp && d.NextAttemptAt <= now);
        var due = await (controls.DeliverNewestFirst
            ? pending.OrderByDescending(d => d.Sequence)
            : pending.OrderBy(d => d.Sequence)).Take(50).ToListAsync(cancellationToken);

        foreach (var delivery in due)
        {
            if (controls.DeliveryDelayMilliseconds > 0)
            {
                await Task.Delay(controls.DeliveryDelayMilliseconds, cancellationToken);
            }

            // Dodo sends the resource as it is at each attempt, not as it was when the event happened.
            var body = Encoding.UTF8.GetBytes(await LatestState.BodyAsync(db, delivery, cancellationToken));
            var error = await SendAsync(delivery, body, cancellationToken);
            if (error is null && controls.DuplicateDeliveries)
            {
                await SendAsync(delivery, body, cancellationToken);
            }

            Record(delivery, error);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private void Record(SbWebhookDelivery delivery, string? error)
    {
        delivery.Attempts++;
        if (error is null)
        {
            delivery.DeliveredAt = DateTime.UtcNow;
            delivery.LastError = null;
            return;
        }

        delivery.LastError = error;
        if (delivery.Attempts > RetrySchedule.Length)
        {
            delivery.GaveUp = true;
            LogGaveUp(logger, delivery.Id, delivery.EventType, delivery.Attempts);
            return;
        }

        var wait = RetrySchedule[delivery.Attempts - 1] * options.Value.WebhookRetryTimeScale;
        delivery.NextAttemptAt = DateTime.UtcNow + wait;
        LogRetry(logger, delivery.Id, delivery.EventType, error, wait);
    }

    /// <summary>Returns null on a 2xx, or why the attempt failed.</summary>
    private async Task<string?> SendAsync(SbWebhookDelivery delivery, byte[] body, CancellationToken cancellationToken)
    {
        // On the sandbox clock, like the envelope's timestamp; a store on the sandbox verifies against the same clock.
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, address.WebhookUrl())
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("webhook-id", delivery.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signer.Sign(delivery.Id, timestamp, body));

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds));
            using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return error.GetType().Name + ": " + error.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox webhook dispatch loop failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Id} ({Type}) failed: {Error}; retrying in {Wait}")]
    private static partial void LogRetry(ILogger logger, string id, string type, string error, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Id} ({Type}) abandoned after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, string id, string type, int attempts);
}
