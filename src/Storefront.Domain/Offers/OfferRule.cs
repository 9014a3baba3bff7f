namespace Storefront.Domain.Offers;

/// <summary>"Bought <see cref="TriggerProductId"/> → offer <see cref="OfferProductId"/>" as the rules engine sees it.</summary>
public sealed record OfferRule(
    long Id,
    OfferKind Kind,
    string TriggerProductId,
    string OfferProductId,
    int Priority,
    bool IsActive,
    DateTime? StartsAt = null,
    DateTime? EndsAt = null,
    long? FollowsRuleId = null,
    int? ExpiresAfterMinutes = null,
    int? DiscountPercent = null)
{
    public bool IsLiveAt(DateTime now) =>
        IsActive && (StartsAt is null || StartsAt <= now) && (EndsAt is null || now < EndsAt);
}
