using System.Text.Json.Serialization;
using Dodo.Payments.Json;

namespace Dodo.Payments.Models;

/// <summary>Every list endpoint answers <c>{"items": [...]}</c> and nothing else (no total, no cursor).</summary>
public sealed record ListResponse<T>
{
    public IReadOnlyList<T> Items { get; init; } = [];
}

/// <summary>Dodo's error body.</summary>
public sealed record ErrorBody
{
    public string? Code { get; init; }

    public string? Message { get; init; }
}

public sealed record BillingAddress
{
    public required string Country { get; init; }

    public string? State { get; init; }

    public string? City { get; init; }

    public string? Street { get; init; }

    public string? Zipcode { get; init; }
}

/// <summary>The customer as embedded in payments and subscriptions.</summary>
public sealed record CustomerSummary
{
    public required string CustomerId { get; init; }

    public required string Email { get; init; }

    public required string Name { get; init; }

    public string? PhoneNumber { get; init; }

    [JsonConverter(typeof(MetadataConverter))]
    public Dictionary<string, string>? Metadata { get; init; }
}

/// <summary>
/// The request union "attach an existing customer" <c>{customer_id}</c> or "new / look up by email"
/// <c>{email, name?, phone_number?}</c>. Build it with <see cref="Existing"/> or <see cref="New"/>.
/// </summary>
public sealed record CustomerRequest
{
    public string? CustomerId { get; init; }

    public string? Email { get; init; }

    public string? Name { get; init; }

    public string? PhoneNumber { get; init; }

    public static CustomerRequest Existing(string customerId) => new() { CustomerId = customerId };

    public static CustomerRequest New(string email, string? name = null) => new() { Email = email, Name = name };
}

public sealed record ProductCartItem
{
    public required string ProductId { get; init; }

    public int Quantity { get; init; } = 1;

    /// <summary>Pay-what-you-want amount only; never used to set a price.</summary>
    public long? Amount { get; init; }
}
