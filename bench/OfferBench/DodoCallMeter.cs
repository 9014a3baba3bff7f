using System.Collections.Concurrent;
using System.Diagnostics;

namespace OfferBench;

/// <summary>Times every call the store makes to Dodo and counts them by method and path shape.</summary>
public sealed class DodoCallMeter
{
    private long ticks;

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref ticks));

    public void Reset()
    {
        Interlocked.Exchange(ref ticks, 0);
        Calls.Clear();
    }

    internal void Record(HttpRequestMessage request, TimeSpan spent, bool movesMoney)
    {
        Interlocked.Add(ref ticks, spent.Ticks);
        var shape = request.Method + " " + string.Join('/', request.RequestUri!.AbsolutePath.Split('/')
            .Select(part => part.Contains('_', StringComparison.Ordinal) ? "{id}" : part)) + (movesMoney ? "  [moves money]" : "");
        Calls.AddOrUpdate(shape, 1, (_, n) => n + 1);
    }

    public int MoneyMovingCalls => Calls.Where(c => c.Key.EndsWith("[moves money]", StringComparison.Ordinal)).Sum(c => c.Value);

    public sealed class Handler(DodoCallMeter meter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var path = request.RequestUri!.AbsolutePath;
            var movesMoney = request.Method == HttpMethod.Post && (path.EndsWith("/payments", StringComparison.Ordinal)
                || path.EndsWith("/change-plan", StringComparison.Ordinal)
                || (path.EndsWith("/checkouts", StringComparison.Ordinal) && body.Contains("\"payment_method_id\"", StringComparison.Ordinal)));
            var watch = Stopwatch.StartNew();
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                meter.Record(request, watch.Elapsed, movesMoney);
            }
        }
    }
}
