using Dodo.Payments;
using Dodo.Payments.Models;
using Storefront.Domain.Payments;

namespace Storefront.Web.Features.Payments;

/// <summary>
/// The customer's saved cards, read from Dodo, and the one a one-click offer may charge. Offers read them through
/// <see cref="SavedCardsCache"/> (no Dodo call per render); My account reads them fresh. When Dodo cannot be reached,
/// offers degrade to "Pay with a card" (no card to name) instead of failing the page, and nothing is cached.
/// </summary>
public sealed partial class SavedCards(DodoClient dodo, SavedCardsCache cache, TimeProvider clock, ILogger<SavedCards> logger)
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
        dodoCustomerId is null || await ListOrNothingAsync(dodoCustomerId, cancellationToken) is not { } cards
            ? null
            : OneClickEligibility.Choose(cards, currency, clock.GetUtcNow().UtcDateTime);

    /// <summary>The card a subscription is billed to (what a plan change charges), when Dodo still has it.</summary>
    public async Task<SavedCard?> ForSubscriptionAsync(string? dodoCustomerId, string? paymentMethodId, CancellationToken cancellationToken) =>
        dodoCustomerId is null || paymentMethodId is null
            ? null
            : (await ListOrNothingAsync(dodoCustomerId, cancellationToken))?.FirstOrDefault(c => c.PaymentMethodId == paymentMethodId);

    /// <summary>The cards, or null when Dodo is down or slow (a 5xx, a timeout, no connection): no card is offered then.</summary>
    private async Task<IReadOnlyList<SavedCard>?> ListOrNothingAsync(string dodoCustomerId, CancellationToken cancellationToken)
    {
        try
        {
            return await cache.GetOrReadAsync(dodoCustomerId, () => ListAsync(dodoCustomerId, cancellationToken));
        }
        catch (Exception error) when (error is HttpRequestException
            || (error is DodoApiException { Status: >= System.Net.HttpStatusCode.InternalServerError })
            || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogDodoUnavailable(logger, error);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saved cards could not be read from Dodo; offers fall back to Dodo's checkout")]
    private static partial void LogDodoUnavailable(ILogger logger, Exception error);

    private static SavedCard? ToSavedCard(PaymentMethodItem method) =>
        method.Card!.TryGetExpiry(out var year, out var month)
            ? new SavedCard(method.PaymentMethodId, method.Card.CardNetwork ?? "Card", method.Card.Last4Digits ?? "????", month, year,
                method.RecurringEnabled ?? true, method.Card.CardIssuingCountry)
            : null;
}
