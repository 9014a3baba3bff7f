using System.Text;
using System.Text.Json;
using Dodo.Payments.Webhooks;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Webhooks;

/// <summary>
/// POST /webhooks/dodo. Refuses oversized bodies before reading them, verifies the Standard Webhooks signature over
/// the exact bytes received, stores the event once per webhook-id, answers 2xx, and leaves processing to
/// <see cref="WebhookProcessor"/>. Bad signatures get 4xx and nothing is stored.
/// </summary>
public static partial class WebhookIntakeEndpoint
{
    public const string Path = "/webhooks/dodo";

    /// <summary>Dodo's payloads are a few KB; anything near this is not from Dodo.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapDodoWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    internal static async Task<IResult> ReceiveAsync(
        HttpContext http,
        WebhookVerifier verifier,
        IDbContextFactory<StorefrontDbContext> dbFactory,
        WebhookProcessor processor,
        TimeProvider clock,
        ILogger<WebhookInboxEntry> logger)
    {
        var cancellationToken = http.RequestAborted;
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "The webhook body is too large.");
        }

        var body = await ReadBoundedAsync(http.Request.Body, cancellationToken);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "The webhook body is too large.");
        }

        var headers = http.Request.Headers;
        var verification = verifier.Verify(headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], body);
        if (verification != WebhookVerification.Valid)
        {
            LogRefused(logger, verification, headers["webhook-id"].ToString());
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
            return Problem(StatusCodes.Status400BadRequest, "The webhook body is not a Dodo event.");
        }

        var webhookId = headers["webhook-id"].ToString();
        var stored = await StoreOnceAsync(dbFactory, new WebhookInboxEntry
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

    /// <summary>Inserts the event; a redelivery (same webhook-id, even racing) only bumps the delivery count.</summary>
    private static async Task<bool> StoreOnceAsync(IDbContextFactory<StorefrontDbContext> dbFactory, WebhookInboxEntry entry, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.WebhookInbox.AnyAsync(e => e.WebhookId == entry.WebhookId, cancellationToken))
        {
            db.WebhookInbox.Add(entry);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException)
            {
                // Either we lost a race with a concurrent delivery of the same event (then it is stored once, by the
                // other request, and this is a duplicate) or the database failed (then Dodo must retry: rethrow).
                db.ChangeTracker.Clear();
                if (!await db.WebhookInbox.AnyAsync(e => e.WebhookId == entry.WebhookId, cancellationToken))
                {
                    throw;
                }
            }
        }

        await db.WebhookInbox.Where(e => e.WebhookId == entry.WebhookId)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Deliveries, e => e.Deliveries + 1), cancellationToken);
        return false;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a webhook ({Verification}), webhook-id '{WebhookId}'")]
    private static partial void LogRefused(ILogger logger, WebhookVerification verification, string webhookId);
}
