using System.Text.Json;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Audit;

/// <summary>Adds an audit entry to the same unit of work as the change it describes.</summary>
public sealed class AuditTrail(TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Record(StorefrontDbContext db, string actor, string action, string entityType, string entityId, object? before, object? after) =>
        db.AuditLog.Add(new AuditLogEntry
        {
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            At = clock.GetUtcNow().UtcDateTime,
        });
}
