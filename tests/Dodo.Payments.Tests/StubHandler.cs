using System.Net;
using System.Text;

namespace Dodo.Payments.Tests;

/// <summary>Answers HTTP requests from a script and records what was sent (the remote Dodo, not our code, is faked).</summary>
internal sealed class StubHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] script) : HttpMessageHandler
{
    private int next;

    public List<(HttpMethod Method, string Url, string? Body, string? Authorization)> Requests { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, request.RequestUri!.ToString(), body, request.Headers.Authorization?.ToString()));
        var step = script[Math.Min(next++, script.Length - 1)];
        return step(request);
    }
}
