using System.Text.Json.Nodes;
using Dodo.Sandbox.Data;

namespace Dodo.Sandbox.Billing;

/// <summary>When a discount code can be redeemed, on what, and how much it takes off: one rule for carts and subscriptions.</summary>
internal static class DiscountRules
{
    /// <summary>Not past <c>expires_at</c>, with uses left under <c>usage_limit</c> (deleted codes are never looked up).</summary>
    public static bool IsRedeemable(SbDiscount discount, DateTime now) =>
        (discount.ExpiresAt is null || discount.ExpiresAt > now) && (discount.UsageLimit is null || discount.TimesUsed < discount.UsageLimit);

    /// <summary>Whether <c>restricted_to</c> lets the code apply to this product (empty: any product).</summary>
    public static bool AppliesTo(SbDiscount discount, string productId)
    {
        var restricted = JsonNode.Parse(discount.RestrictedToJson)!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        return restricted.Count == 0 || restricted.Contains(productId);
    }

    /// <summary>
    /// The amount less the percentage. [INF] Dodo does not document its rounding (README §12): the sandbox rounds the
    /// discount half up to the minor unit.
    /// </summary>
    public static long Apply(long amount, SbDiscount discount) =>
        amount - (long)Math.Round(amount * discount.Amount / 10_000m, MidpointRounding.AwayFromZero);
}
