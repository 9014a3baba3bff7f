using System.Text.Json.Nodes;
using Dodo.Sandbox.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using static Dodo.Sandbox.Api.CustomersApi;

namespace Dodo.Sandbox.Api;

/// <summary>
/// POST /discounts, GET /discounts, GET /discounts/{id}, DELETE /discounts/{id}. Dodo's OpenAPI has one discount
/// type, <c>percentage</c>, with the amount in basis points; a code is uppercased, at least three characters, and
/// generated (16 characters) when omitted. A deleted discount is gone from reads and can no longer be redeemed.
/// </summary>
internal static class DiscountsApi
{
    public static void MapDiscounts(this RouteGroupBuilder api)
    {
        api.MapPost("/discounts", (HttpRequest request, SandboxTransaction tx, SandboxClock clock, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var body = await RequestBody.ReadAsync(request, ct);
                var discount = await CreateAsync(db, body, clock.UtcNow);
                return Results.Json(SandboxJson.Discount(discount));
            }, ct));

        api.MapGet("/discounts/{discountId}", async (string discountId, SandboxTransaction tx, CancellationToken ct) =>
        {
            var discount = await tx.ReadAsync(db => db.Discounts.FirstOrDefaultAsync(d => d.Id == discountId && !d.Deleted, ct), ct);
            return discount is null ? ApiErrors.NotFound("Discount", discountId) : Results.Json(SandboxJson.Discount(discount));
        });

        api.MapDelete("/discounts/{discountId}", (string discountId, SandboxTransaction tx, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var discount = await db.Discounts.FirstOrDefaultAsync(d => d.Id == discountId && !d.Deleted, ct)
                    ?? throw SandboxRequestException.NotFound("Discount", discountId);
                discount.Deleted = true;
                return Results.NoContent();
            }, ct));

        api.MapGet("/discounts", (HttpRequest request, SandboxTransaction tx, CancellationToken ct) => Guarded(async () =>
        {
            var paging = Paging.Read(request);
            var rows = await tx.ReadAsync(db => paging.Apply(db.Discounts.Where(d => !d.Deleted).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)).ToListAsync(ct), ct);
            return Items(rows.Select(SandboxJson.Discount));
        }));
    }

    private static async Task<SbDiscount> CreateAsync(SandboxDbContext db, RequestBody body, DateTime now)
    {
        var type = body.OptionalString("type") ?? throw SandboxRequestException.Body("type is required.");
        if (type != "percentage")
        {
            throw SandboxRequestException.Body($"Unknown discount type '{type}': the API's DiscountType has only 'percentage'.");
        }

        var amount = body.Json["amount"] is JsonValue a && a.TryGetValue<int>(out var bp) ? bp : throw SandboxRequestException.Body("amount (basis points) is required.");
        if (amount is < 1 or > 10_000)
        {
            throw SandboxRequestException.Body("amount must be 1 to 10000 basis points for a percentage discount.");
        }

        var code = body.OptionalString("code") is { Length: > 0 } given ? given.ToUpperInvariant() : SandboxIds.DiscountCode();
        if (code.Length < 3)
        {
            throw SandboxRequestException.Body("code must be at least 3 characters.");
        }

        if (await db.Discounts.AnyAsync(d => d.Code == code && !d.Deleted))
        {
            throw SandboxRequestException.Invalid($"A discount with code {code} already exists.");
        }

        var usageLimit = body.Json["usage_limit"] is JsonValue u && u.TryGetValue<int>(out var limit) ? limit : (int?)null;
        if (usageLimit is < 1)
        {
            throw SandboxRequestException.Body("usage_limit must be at least 1.");
        }

        var restrictedTo = body.Json["restricted_to"] as JsonArray ?? [];
        foreach (var productId in restrictedTo.Select(p => p?.GetValue<string>()))
        {
            if (productId is null || !await db.Products.AnyAsync(p => p.Id == productId))
            {
                throw SandboxRequestException.Invalid($"restricted_to names an unknown product ({productId}).");
            }
        }

        var expiresAt = body.OptionalString("expires_at") is { } at ? DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal) : (DateTime?)null;
        var discount = new SbDiscount
        {
            Id = SandboxIds.Discount(), Code = code, Amount = amount, Name = body.OptionalString("name"), RestrictedToJson = restrictedTo.ToJsonString(),
            ExpiresAt = expiresAt, UsageLimit = usageLimit,
            SubscriptionCycles = body.Json["subscription_cycles"] is JsonValue c && c.TryGetValue<int>(out var cycles) ? cycles : null,
            CreatedAt = now,
        };
        db.Discounts.Add(discount);
        return discount;
    }
}
