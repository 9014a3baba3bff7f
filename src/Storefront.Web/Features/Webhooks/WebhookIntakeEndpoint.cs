using System.Text;
using System.Text.Json;
using Dodo.Payments.Webhooks;

namespace Storefront.Web.Features.Webhooks;

/// <summary>
/// POST /webhooks/dodo. Refuses oversized bodies before reading them, verifies the Standard Webhooks signature over
/// the exact bytes received, stores the event once per webhook-id (<see cref="WebhookInboxWriter"/>), answers 2xx, and
/// leaves processing to <see cref="WebhookProcessor"/>. Bad signatures get 4xx, nothing is stored, and the refusal is
/// counted (<see cref="WebhookRefusals"/>), not logged one by one.
/// </summary>
public static class WebhookIntakeEndpoint
{
    public const string Path = "/webhooks/dodo";

    /// <summary>Dodo's payloads are a few KB; anything near this is not from Dodo.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private const string TooLarge = "body too large";

    public static IEndpointRouteBuilder MapDodoWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    internal static async Task<IResult> ReceiveAsync(
        HttpContext http,
        WebhookVerifier verifier,
        WebhookInboxWriter inbox,
        WebhookRefusals refusals,
        WebhookProcessor processor,
        TimeProvider clock)
    {
        var cancellationToken = http.RequestAborted;
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            refusals.Count(TooLarge);
            return Problem(StatusCodes.Status413PayloadTooLarge, "The webhook body is too large.");
        }

        var body = await ReadBoundedAsync(http.Request.Body, cancellationToken);
        if (body is null)
        {
            refusals.Count(TooLarge);
            return Problem(StatusCodes.Status413PayloadTooLarge, "The webhook body is too large.");
        }

        var headers = http.Request.Headers;
        var verification = verifier.Verify(headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], body);
        if (verification != WebhookVerification.Valid)
        {
            refusals.Count(verification.ToString());
            return verification is WebhookVerification.MissingHeaders or WebhookVerification.MalformedTimestamp
                ? Problem(StatusCodes.Status400BadRequest, "Missing or malformed webhook headers.")
                : Problem(StatusCodes.Status401Unauthorized, "The webhook signature does not verify.");
        }

        WebhookEvent parsed;
        try
        {
            parsed = WebhookEvent.Parse(body);
        }
        catch (JsonException)
        {
            refusals.Count("not a Dodo event");
            return Problem(StatusCodes.Status400BadRequest, "The webhook body is not a Dodo event.");
        }

        var webhookId = headers["webhook-id"].ToString();
        var stored = await inbox.StoreAsync(new WebhookInboxEntry
        {
            WebhookId = webhookId,
            EventType = parsed.Type,
            OccurredAt = parsed.Timestamp.UtcDateTime,
            ReceivedAt = clock.GetUtcNow().UtcDateTime,
            Payload = Encoding.UTF8.GetString(body),
        }, cancellationToken);

        if (stored)
        {
            processor.Wake();
        }

        return Results.Ok(new { received = true, duplicate = !stored });
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);
}
