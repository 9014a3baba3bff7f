using Microsoft.Extensions.Caching.Memory;
using Storefront.Domain.Payments;

namespace Storefront.Web.Features.Payments;

/// <summary>
/// The cards Dodo holds for a customer, remembered per customer so that rendering an offer asks Dodo at most once per
/// <see cref="Lifetime"/> rather than on every render and refresh. Forgotten as soon as this store learns the cards may
/// have changed: a payment or subscription webhook for the customer (a new card is saved with a payment; a plan's card
/// changes), or a card removed from My account. Other instances learn only by the lifetime, which is short: a stale
/// card at worst makes a one-click charge that Dodo refuses, and the customer then pays another way.
/// </summary>
public sealed class SavedCardsCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    public async Task<IReadOnlyList<SavedCard>> GetOrReadAsync(string dodoCustomerId, Func<Task<IReadOnlyList<SavedCard>>> read)
    {
        if (cache.TryGetValue(Key(dodoCustomerId), out IReadOnlyList<SavedCard>? cards) && cards is not null)
        {
            return cards;
        }

        cards = await read();
        cache.Set(Key(dodoCustomerId), cards, Lifetime);
        return cards;
    }

    public void Forget(string? dodoCustomerId)
    {
        if (dodoCustomerId is not null)
        {
            cache.Remove(Key(dodoCustomerId));
        }
    }

    private static string Key(string dodoCustomerId) => "saved-cards:" + dodoCustomerId;
}
