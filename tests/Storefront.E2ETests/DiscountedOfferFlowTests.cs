using Microsoft.Playwright;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>An admin takes 20% off a cross-sell; the customer sees the list price struck through and is charged the discounted amount.</summary>
[Collection(PurchaseBrowserCollection.Name)]
public sealed class DiscountedOfferFlowTests(BrowserSession session) : IAsyncDisposable
{
    private const string Headline = "Twenty percent off the Playbook";

    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task AdminSetsTwentyPercentOff_TheCardStrikesTheListPrice_AndDodoChargesTheDiscountedAmount()
    {
        var admin = await session.NewAdminAsync();
        var rules = new UpsellRulesAdminPage(admin);
        await rules.OpenAsync();
        await rules.FillAsync("Cross-sell", "Team license ($99.00)", "The Upsell Playbook (e-book) ($12.00)", Headline);
        await admin.GetByLabel("Discount (% off, optional)").FillAsync("20");
        await rules.SaveAsync();
        await rules.SavedRuleIdAsync();
        await Expect(rules.Rows.Filter(new() { HasText = Headline })).ToContainTextAsync("20% off");

        // A first purchase saves the customer's card and address; the cross-sell is then one click on a product page.
        var (customer, email) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(customer, "premium-addon");
        var product = new ProductPage(customer);
        await product.OpenAsync("team-license");
        await product.WaitInteractiveAsync();
        var offer = customer.GetByRole(AriaRole.Region, new() { Name = Headline });
        await Expect(offer.GetByTestId("offer-list-price")).ToHaveTextAsync("$12.00");
        await Expect(offer).ToContainTextAsync("20% off");
        await Expect(offer.GetByTestId("offer-charge")).ToHaveTextAsync("$9.60");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Buy now — $9.60" }).ClickAsync();

        await Expect(offer).ToContainTextAsync("The Upsell Playbook (e-book) is yours: $9.60 charged to your card");
        var charge = Assert.Single(await session.PaymentsAtDodoAsync(email), p => p.ProductCart?.Any(line => line.ProductId == "pdt_4Eb8Hn3Wq6Zr2Lx9Kd5Mv") == true);
        Assert.Equal(960, charge.TotalAmount);
        Assert.NotNull(charge.DiscountId);
    }
}
