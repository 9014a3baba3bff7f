using Dodo.Payments;
using Dodo.Payments.Models;
using Storefront.Domain.Payments;

namespace Storefront.Web.Features.Payments;

/// <summary>The customer's saved cards, read from Dodo, and the one a one-click offer may charge.</summary>
public sealed class SavedCards(DodoClient dodo, TimeProvider clock)
{
    public async Task<IReadOnlyList<SavedCard>> ListAsync(string dodoCustomerId, CancellationToken cancellationToken)
    {
        var methods = await dodo.ListPaymentMethodsAsync(dodoCustomerId, cancellationToken);
        return methods.Items
            .Where(m => m.PaymentMethod == PaymentMethodCategory.Card && m.Card is not null)
            .OrderByDescending(m => m.LastUsedAt)
            .Select(ToSavedCard)
            .OfType<SavedCard>()
            .ToList();
    }

    /// <summary>A card that can pay <paramref name="currency"/> now, or null: then the offer falls back to normal checkout.</summary>
    public async Task<SavedCard?> ForOneClickAsync(string? dodoCustomerId, string currency, CancellationToken cancellationToken) =>
        dodoCustomerId is null
            ? null
            : OneClickEligibility.Choose(await ListAsync(dodoCustomerId, cancellationToken), currency, clock.GetUtcNow().UtcDateTime);

    /// <summary>The card a subscription is billed to (what a plan change charges), when Dodo still has it.</summary>
    public async Task<SavedCard?> ForSubscriptionAsync(string? dodoCustomerId, string? paymentMethodId, CancellationToken cancellationToken) =>
        dodoCustomerId is null || paymentMethodId is null
            ? null
            : (await ListAsync(dodoCustomerId, cancellationToken)).FirstOrDefault(c => c.PaymentMethodId == paymentMethodId);

    private static SavedCard? ToSavedCard(PaymentMethodItem method) =>
        method.Card!.TryGetExpiry(out var year, out var month)
            ? new SavedCard(method.PaymentMethodId, method.Card.CardNetwork ?? "Card", method.Card.Last4Digits ?? "????", month, year,
                method.RecurringEnabled ?? true, method.Card.CardIssuingCountry)
            : null;
}
