using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Features.Admin.WebhookLog;

/// <summary>The webhook log: received events, searchable by webhook id, type or payload text, newest first.</summary>
public sealed class WebhookLogQuery(IDbContextFactory<StorefrontDbContext> dbFactory)
{
    public const int PageSize = 50;

    public async Task<IReadOnlyList<WebhookInboxEntry>> SearchAsync(string? search, WebhookProcessingStatus? status, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.WebhookInbox.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(e => e.WebhookId.Contains(term) || e.EventType.Contains(term) || e.Payload.Contains(term));
        }

        if (status is not null)
        {
            query = query.Where(e => e.Status == status);
        }

        return await query.OrderByDescending(e => e.ReceivedAt).ThenByDescending(e => e.Id).Take(PageSize).ToListAsync(cancellationToken);
    }

    public async Task<WebhookInboxEntry?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookInbox.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
    }

    /// <summary>The payload as stored, indented for reading (the stored bytes stay exactly as signed).</summary>
    public static string Readable(string payload)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(payload);
            return System.Text.Json.JsonSerializer.Serialize(json.RootElement, Indented);
        }
        catch (System.Text.Json.JsonException)
        {
            return payload;
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };
}
