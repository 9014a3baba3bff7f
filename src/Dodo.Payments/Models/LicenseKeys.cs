namespace Dodo.Payments.Models;

/// <summary>A licence key Dodo issued for one purchase (GET /license_keys, license_key.created).</summary>
public sealed record LicenseKey
{
    public required string Id { get; init; }

    public required string Key { get; init; }

    /// <summary>"active", "expired" or "disabled" (kept as Dodo's string: a status we don't know yet is shown as it is).</summary>
    public required string Status { get; init; }

    public required string CustomerId { get; init; }

    public required string ProductId { get; init; }

    public required string PaymentId { get; init; }

    public string? SubscriptionId { get; init; }

    /// <summary>Null: unlimited.</summary>
    public int? ActivationsLimit { get; init; }

    public int InstancesCount { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One activation of a licence key (a device or server).</summary>
public sealed record LicenseKeyInstance
{
    public required string Id { get; init; }

    public required string LicenseKeyId { get; init; }

    public required string Name { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
