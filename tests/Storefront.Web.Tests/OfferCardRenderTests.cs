using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Storefront.Domain;
using Storefront.Domain.Catalog;
using Storefront.Domain.Offers;
using Storefront.Domain.Payments;
using Storefront.Web.Features.Catalog;
using Storefront.Web.Features.Offers;

namespace Storefront.Web.Tests;

/// <summary>The offer card's markup for each state, rendered alone with the framework's HtmlRenderer (no app; only a clock for the countdown).</summary>
public sealed class OfferCardRenderTests
{
    private static readonly CatalogItem Starter = new("starter-course", "Starter course", "", "", ProductKind.OneTime, new Money(4900, "USD"), null,
        ["6 video lessons", "Worksheets"], null);

    private static readonly CatalogItem Bundle = new("complete-bundle", "Complete bundle", "", "", ProductKind.OneTime, new Money(14900, "USD"), null,
        ["6 video lessons", "Worksheets", "12 advanced lessons", "Template library"], null);

    private static readonly SavedCard Visa = new("pm_1", "VISA", "4242", 6, 2032, true, "US");

    private static readonly CatalogItem BundleUpgrade = new("complete-bundle-upgrade", "Complete bundle (upgrade)", "", "", ProductKind.OneTime,
        new Money(10000, "USD"), null, [], null);

    private static OfferView View(OfferAttemptStatus status, SavedCard? card = null, Money? paid = null, string? failure = null, CatalogItem? charged = null) =>
        new(Guid.NewGuid(), 2, OfferKind.PostPurchaseUpsell, status, "Get the Complete bundle", "Twelve advanced lessons.", "Best value",
            Bundle, Starter, card, failure, null, paid, charged ?? Bundle);

    [Fact]
    public async Task Shown_WithSavedCard_TheButtonStatesTheAmountCharged_AndNoBiggerNumberIsShown()
    {
        var html = await RenderAsync(View(OfferAttemptStatus.Shown, Visa));

        Assert.Contains("Best value", html, StringComparison.Ordinal);
        Assert.Contains(">$149.00</span>", html, StringComparison.Ordinal);
        Assert.Contains(">Add to my order — $149.00</button>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("+$", html, StringComparison.Ordinal);
        Assert.Contains("adds sales tax or VAT where it applies", html, StringComparison.Ordinal);
        Assert.Contains("<li>12 advanced lessons</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<li>Worksheets</li>", html, StringComparison.Ordinal);
        Assert.Contains("VISA •••• 4242</strong>, expires 06/32", html, StringComparison.Ordinal);
        Assert.Contains(">No thanks</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shown_OwnerOfPartOfTheBundle_SeesAndIsOfferedTheDifferenceOnly()
    {
        var html = await RenderAsync(View(OfferAttemptStatus.Shown, Visa, charged: BundleUpgrade));

        Assert.Contains(">Add to my order — $100.00</button>", html, StringComparison.Ordinal);
        Assert.Contains("you pay the difference", html, StringComparison.Ordinal);
        Assert.DoesNotContain("$149.00</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shown_WithoutUsableCard_OffersCheckoutInsteadOfOneClick()
    {
        var html = await RenderAsync(View(OfferAttemptStatus.Shown));

        Assert.DoesNotContain("Add to my order", html, StringComparison.Ordinal);
        Assert.Contains(">Pay with a card</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_SaysNothingWasAddedAndOffersAnotherCardAndCardUpdate()
    {
        var html = await RenderAsync(View(OfferAttemptStatus.Failed, failure: "The card was declined."));

        Assert.Contains("We couldn't charge your saved card.", html, StringComparison.Ordinal);
        Assert.Contains("The card was declined.", html, StringComparison.Ordinal);
        Assert.Contains(">Pay with another card</button>", html, StringComparison.Ordinal);
        Assert.Contains("Paying with another card saves it for your next one-click purchase.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("account/subscription", html, StringComparison.Ordinal); // a one-time buyer has no plan page to go to
    }

    [Fact]
    public async Task Succeeded_ShowsDodosChargedAmount()
    {
        var html = await RenderAsync(View(OfferAttemptStatus.Succeeded, paid: new Money(14900, "USD")));

        Assert.Contains("Complete bundle was added to your order: $149.00 charged to your card.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnAProductPage_WithNoOrder_TheCardSaysBuyNowAndIsYours_NotAddedToYourOrder()
    {
        var shown = await RenderAsync(View(OfferAttemptStatus.Shown, Visa) with { OnOrder = false });
        var done = await RenderAsync(View(OfferAttemptStatus.Succeeded, paid: new Money(14900, "USD")) with { OnOrder = false });

        Assert.Contains(">Buy now — $149.00</button>", shown, StringComparison.Ordinal);
        Assert.Contains("Complete bundle is yours: $149.00 charged to your card.", done, StringComparison.Ordinal);
        Assert.DoesNotContain("your order", shown + done, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitted_ShowsThatTheChargeIsBeingConfirmed()
    {
        var html = await RenderAsync(View(OfferAttemptStatus.Submitted));

        Assert.Contains("Adding Complete bundle to your order", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<button", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitted_WaitingForTheBank_LinksToTheBanksPage_AndSaysNothingIsChargedYet()
    {
        var html = await RenderAsync(View(OfferAttemptStatus.Submitted) with { CustomerActionUrl = "https://bank.example/confirm/pay_1" });

        Assert.Contains("Your bank asks you to confirm this payment", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://bank.example/confirm/pay_1\"", html, StringComparison.Ordinal);
        Assert.Contains("Nothing is charged until you do.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABusyCard_DisablesItsButtons_AndAMessageIsAnnounced()
    {
        var html = await RenderAsync(View(OfferAttemptStatus.Shown, Visa), busy: true, message: "Your saved card can't be used for this.");

        Assert.Contains(">Adding…</button>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<button type=\"button\" class=\"button\">", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\">Your saved card can't be used for this.</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shown_WithADeadline_CountsDownByTheServersClock()
    {
        var html = await RenderAsync(View(OfferAttemptStatus.Shown, Visa) with { ExpiresAt = Now.UtcDateTime.AddMinutes(9).AddSeconds(5) });

        Assert.Contains("role=\"timer\"", html, StringComparison.Ordinal);
        Assert.Contains("Offer ends in <strong>9:05</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_SaysNothingWasCharged_AndOffersNoButton()
    {
        var html = await RenderAsync(View(OfferAttemptStatus.Expired, Visa));

        Assert.Contains(ExpiredOffers.Message, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<button", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Offer ends in", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shown_InQuantity_TheAmountAndTheButtonAreForTheQuantityChosen()
    {
        var html = await RenderAsync(View(OfferAttemptStatus.Shown, Visa) with { MaxQuantity = 5 }, quantity: 3);

        Assert.Contains("<label for=\"quantity-", html, StringComparison.Ordinal);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(html, "<option value=\"\\d\""));
        Assert.Contains(">$447.00</span>", html, StringComparison.Ordinal);
        Assert.Contains("3 × $149.00", html, StringComparison.Ordinal);
        Assert.Contains(">Add to my order — $447.00</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shown_APlanToACustomerWithoutOne_IsANewSubscriptionOnDodosCheckout_NotOneClick()
    {
        var basic = new CatalogItem("basic-plan", "Basic plan", "", "", ProductKind.Subscription, new Money(3000, "USD"), BillingInterval.Month, ["1 storefront"], null);
        var view = new OfferView(Guid.NewGuid(), 4, OfferKind.PostPurchaseUpsell, OfferAttemptStatus.Shown, "Keep learning", "", null, basic, Starter, null, null, null)
        {
            IsNewPlan = true,
        };

        var html = await RenderAsync(view);

        Assert.False(view.IsPlanChange);
        Assert.Contains(">$30.00 / month</span>", html, StringComparison.Ordinal);
        Assert.Contains("billed every period until you cancel", html, StringComparison.Ordinal);
        Assert.Contains(">Subscribe — $30.00 / month</button>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Add to my order", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Review upgrade", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shown_Discounted_StrikesTheListPriceThrough_AndTheButtonStatesTheDiscountedAmount()
    {
        var html = await RenderAsync(View(OfferAttemptStatus.Shown, Visa) with { DiscountPercent = 20, MaxQuantity = 5 }, quantity: 2);

        Assert.Contains("<span class=\"visually-hidden\">Was </span><s data-testid=\"offer-list-price\">$298.00</s>", html, StringComparison.Ordinal);
        Assert.Contains("20% off", html, StringComparison.Ordinal);
        Assert.Contains(">$238.40</span>", html, StringComparison.Ordinal);
        Assert.Contains(">Add to my order — $238.40</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shown_MonthlyToYearly_ShowsTheYearlyPriceInsteadOfTheMonthly_NotAPerMonthDifference()
    {
        var monthly = new CatalogItem("pro-plan", "Pro plan", "", "", ProductKind.Subscription, new Money(8000, "USD"), BillingInterval.Month, ["5 storefronts"], null);
        var yearly = new CatalogItem("pro-plan-yearly", "Pro plan (yearly)", "", "", ProductKind.Subscription, new Money(80000, "USD"), BillingInterval.Year, ["5 storefronts"], null);
        var view = new OfferView(Guid.NewGuid(), 9, OfferKind.PostPurchaseUpsell, OfferAttemptStatus.Shown, "Switch to yearly", "", null, yearly, monthly, Visa, null, null);

        var html = await RenderAsync(view);

        Assert.True(view.IsIntervalSwitch);
        Assert.Null(view.Difference);
        Assert.Contains(">$800.00 / year</span>", html, StringComparison.Ordinal);
        Assert.Contains("instead of $80.00 / month", html, StringComparison.Ordinal);
        Assert.Contains(">Review the switch</button>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/ month</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shown_ForOne_HasNoQuantityPicker()
    {
        var html = await RenderAsync(View(OfferAttemptStatus.Shown, Visa));

        Assert.DoesNotContain("<select", html, StringComparison.Ordinal);
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static async Task<string> RenderAsync(OfferView view, bool busy = false, string? message = null, int quantity = 1)
    {
        await using var services = new ServiceCollection().AddSingleton<TimeProvider>(new FixedClock(Now)).BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<OfferCardView>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                ["View"] = view,
                ["Busy"] = busy,
                ["Message"] = message,
                ["Quantity"] = quantity,
            }))).ToHtmlString());

        // Compare text as a person reads it ("+$100.00", not "&#x2B;$100.00").
        return System.Net.WebUtility.HtmlDecode(html);
    }
}
