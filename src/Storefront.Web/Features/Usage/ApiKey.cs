namespace Storefront.Web.Features.Usage;

/// <summary>
/// A key the merchant's own app uses to report usage. Only its SHA-256 hash is kept; the key is shown once, when the
/// admin creates it. A revoked key is refused from that moment.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The key's first characters, so an admin can tell keys apart without the secret.</summary>
    public required string Prefix { get; init; }

    public required string Hash { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? RevokedAt { get; set; }
}
