using Microsoft.Playwright;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>An admin gives an upsell a deadline; the customer sees it count down, and when the store's clock passes it the offer closes.</summary>
[Collection(PurchaseBrowserCollection.Name)]
public sealed class OfferExpiryFlowTests(BrowserSession session) : IAsyncDisposable
{
    private const string Headline = "Ten minutes only: the Premium add-on";

    public ValueTask DisposeAsync() => session.EndTestAsync(); // the store's clock goes back to real time

    [Fact]
    public async Task AdminSetsADeadline_TheCustomerSeesItCountDown_AndPastItTheOfferClosesWithNothingCharged()
    {
        var admin = await session.NewAdminAsync();
        var rules = new UpsellRulesAdminPage(admin);
        await rules.OpenAsync();
        await rules.FillAsync("Post-purchase upsell", "The Upsell Playbook (e-book) ($12.00)", "Premium add-on ($19.00)", Headline);
        await admin.GetByLabel("Closes after the purchase (minutes, optional)").FillAsync("10");
        await rules.SaveAsync();
        await rules.SavedRuleIdAsync();
        await Expect(rules.Rows.Filter(new() { HasText = Headline })).ToContainTextAsync("closes 10 min after the purchase");

        var (customer, email) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(customer, "upsell-playbook-ebook");
        var offer = new OrderPage(customer).Offer(Headline);
        await Expect(offer.GetByRole(AriaRole.Timer)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Offer ends in (10:00|9:[0-5]\d)$"));
        await Expect(offer.GetByRole(AriaRole.Button, new() { Name = "Add to my order — $19.00" })).ToBeVisibleAsync();

        // Ten minutes pass on the store's clock (the browser's clock is not touched): the server closes the offer.
        session.Clock.Advance(TimeSpan.FromMinutes(10));

        await Expect(offer).ToContainTextAsync("This offer has expired. Nothing was charged.");
        await Expect(offer.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await customer.ReloadAsync();
        await Expect(new OrderPage(customer).Offer(Headline)).ToContainTextAsync("This offer has expired.");
        Assert.Single(await session.PaymentsAtDodoAsync(email)); // the e-book, and nothing for the closed offer
    }
}
