namespace Storefront.Web.Features.Audit;

/// <summary>Who changed what and when, with the record before and after (JSON).</summary>
public sealed class AuditLogEntry
{
    public long Id { get; init; }

    public required string Actor { get; init; }

    public required string Action { get; init; }

    public required string EntityType { get; init; }

    public required string EntityId { get; init; }

    public string? Before { get; init; }

    public string? After { get; init; }

    public DateTime At { get; init; }
}
