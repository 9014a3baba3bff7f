using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Dodo.Payments.Webhooks;

namespace OfferBench;

/// <summary>
/// A steady stream of valid signed webhooks (payment.succeeded for payments the store does not know, so each is
/// stored, read, matched and ignored) at a fixed rate, while the bench times customers' requests: do writes stall?
/// </summary>
internal sealed class WebhookStream : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly WebhookSigner signer;
    private readonly int perSecond;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> inFlight = [];
    private Task? running;
    private long sent;
    private long failed;

    public WebhookStream(Uri baseUrl, string webhookSecret, int perSecond)
    {
        http = new HttpClient { BaseAddress = baseUrl };
        signer = new WebhookSigner(webhookSecret);
        this.perSecond = perSecond;
    }

    public long Sent => Interlocked.Read(ref sent);

    public long Failed => Interlocked.Read(ref failed);

    public void Start() => running = Task.Run(() => RunAsync(stop.Token));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Ten ticks a second, each sending its share at once.
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            inFlight.RemoveAll(task => task.IsCompleted);
            for (var i = 0; i < perSecond / 10; i++)
            {
                inFlight.Add(SendOneAsync());
            }
        }
    }

    private async Task SendOneAsync()
    {
        var id = "msg_stream_" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        var at = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["business_id"] = "bus_bench", ["type"] = "payment.succeeded", ["timestamp"] = at,
            ["data"] = new Dictionary<string, object>
            {
                ["payload_type"] = "Payment", ["payment_id"] = "pay_" + id, ["business_id"] = "bus_bench", ["status"] = "succeeded",
                ["total_amount"] = 4900, ["currency"] = "USD", ["created_at"] = at, ["metadata"] = new Dictionary<string, string>(),
                ["customer"] = new Dictionary<string, string> { ["customer_id"] = "cus_bench", ["email"] = "bench@example.test", ["name"] = "Bench" },
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/dodo") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signer.Sign(id, now.ToUnixTimeSeconds(), body));
        try
        {
            using var response = await http.SendAsync(request).ConfigureAwait(false);
            Interlocked.Increment(ref response.IsSuccessStatusCode ? ref sent : ref failed);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref failed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            if (running is not null)
            {
                await running;
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(inFlight);
        stop.Dispose();
        http.Dispose();
    }
}
