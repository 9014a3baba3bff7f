namespace Dodo.Payments.Models;

/// <summary>POST /discounts. Dodo's API has one type, percentage, whose amount is in basis points (2000 = 20%).</summary>
public sealed record CreateDiscountRequest
{
    public string Type { get; init; } = "percentage";

    /// <summary>Basis points for a percentage discount: 2000 is 20%.</summary>
    public required int Amount { get; init; }

    /// <summary>Uppercased by Dodo; at least three characters; generated when omitted.</summary>
    public string? Code { get; init; }

    public string? Name { get; init; }

    /// <summary>Dodo product ids the code can be used for (none: any product).</summary>
    public IReadOnlyList<string>? RestrictedTo { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public int? UsageLimit { get; init; }

    /// <summary>On a subscription: the number of billing cycles it applies to (null: every one).</summary>
    public int? SubscriptionCycles { get; init; }
}

/// <summary>A discount as POST/GET /discounts answer it.</summary>
public sealed record Discount
{
    public required string DiscountId { get; init; }

    public required string Code { get; init; }

    public required string Type { get; init; }

    /// <summary>Basis points for a percentage discount.</summary>
    public int Amount { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<string> RestrictedTo { get; init; } = [];

    public DateTimeOffset? ExpiresAt { get; init; }

    public int? UsageLimit { get; init; }

    public int TimesUsed { get; init; }

    public int? SubscriptionCycles { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
