using System.Net;

namespace Dodo.Payments;

/// <summary>
/// Retries GETs that failed for a transient reason (connection error, 408, 429, 5xx) with exponential backoff,
/// honouring Retry-After. Anything else goes through exactly once: a POST that moves money is never re-sent.
/// </summary>
public sealed class IdempotentRetryHandler(int retries, TimeSpan baseDelay) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage? response = null;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
                if (!IsTransient(response.StatusCode) || attempt >= retries)
                {
                    return response;
                }
            }
            catch (HttpRequestException) when (attempt < retries)
            {
            }

            var delay = response?.Headers.RetryAfter?.Delta ?? baseDelay * Math.Pow(2, attempt);
            response?.Dispose();
            await Task.Delay(delay, cancellationToken);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
