namespace Storefront.Web.Features.Orders;

/// <summary>What a paid order gives the customer: a course in the library, a license, an add-on.</summary>
public sealed class Entitlement
{
    public long Id { get; init; }

    public required string UserId { get; init; }

    public required string ProductId { get; init; }

    public Guid OrderId { get; init; }

    /// <summary>For licenses: the key the customer activates the app with.</summary>
    public string? LicenseKey { get; init; }

    public DateTime GrantedAt { get; init; }
}
