using System.ComponentModel.DataAnnotations;
using Storefront.Domain.Offers;
using Storefront.Web.Features.Offers;

namespace Storefront.Web.Features.Admin.Rules;

/// <summary>The rule editor's fields, as posted by the admin's form.</summary>
public sealed class UpsellRuleForm
{
    public long Id { get; set; }

    public OfferKind Kind { get; set; } = OfferKind.PostPurchaseUpsell;

    [Display(Name = "Bought product")]
    public string? TriggerProductId { get; set; }

    [Display(Name = "Offered product")]
    public string? OfferProductId { get; set; }

    [Display(Name = "Follows offer")]
    public long? FollowsRuleId { get; set; }

    [Required(ErrorMessage = "Write a headline the customer will read.")]
    [StringLength(120, ErrorMessage = "Keep the headline under 120 characters.")]
    public string Headline { get; set; } = "";

    [StringLength(500, ErrorMessage = "Keep the value text under 500 characters.")]
    public string? ValueText { get; set; }

    [StringLength(40, ErrorMessage = "Keep the badge under 40 characters.")]
    public string? Badge { get; set; }

    [Range(0, 1000, ErrorMessage = "Priority is a number from 0 to 1000.")]
    public int Priority { get; set; } = 10;

    public bool IsActive { get; set; } = true;

    [Display(Name = "Starts")]
    public DateTime? StartsAt { get; set; }

    [Display(Name = "Ends")]
    public DateTime? EndsAt { get; set; }

    [Display(Name = "Closes after the purchase")]
    [Range(1, OfferExpiry.MaxMinutes, ErrorMessage = "An offer can close 1 to 10,080 minutes (a week) after the purchase.")]
    public int? ExpiresAfterMinutes { get; set; }

    [Display(Name = "Most a customer can take")]
    [Range(1, OfferQuantity.MostAllowed, ErrorMessage = "The most a customer can take is a number from 1 to 100.")]
    public int MaxQuantity { get; set; } = 1;

    [Display(Name = "Discount")]
    [Range(1, OfferDiscount.MostPercent, ErrorMessage = "A discount is a whole percentage from 1 to 90.")]
    public int? DiscountPercent { get; set; }

    public static UpsellRuleForm From(UpsellRule rule) => new()
    {
        Id = rule.Id, Kind = rule.Kind, TriggerProductId = rule.TriggerProductId, OfferProductId = rule.OfferProductId,
        FollowsRuleId = rule.FollowsRuleId, Headline = rule.Headline, ValueText = rule.ValueText, Badge = rule.Badge,
        Priority = rule.Priority, IsActive = rule.IsActive, StartsAt = rule.StartsAt, EndsAt = rule.EndsAt,
        ExpiresAfterMinutes = rule.ExpiresAfterMinutes, MaxQuantity = rule.MaxQuantity, DiscountPercent = rule.DiscountPercent,
    };
}
