using Microsoft.Playwright;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>An admin lets an add-on be bought in quantity; the customer picks three and is charged for three.</summary>
[Collection(PurchaseBrowserCollection.Name)]
public sealed class OfferQuantityFlowTests(BrowserSession session) : IAsyncDisposable
{
    private const string Headline = "Premium for everyone on your team";

    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task AdminAllowsUpToFive_TheCustomerPicksThree_AndDodoChargesThreeTimesThePrice()
    {
        var admin = await session.NewAdminAsync();
        var rules = new UpsellRulesAdminPage(admin);
        await rules.OpenAsync();
        await rules.FillAsync("Cross-sell", "Complete bundle ($149.00)", "Premium add-on ($19.00)", Headline);
        await admin.GetByLabel("Most a customer can take").FillAsync("5");
        await rules.SaveAsync();
        await rules.SavedRuleIdAsync();
        await Expect(rules.Rows.Filter(new() { HasText = Headline })).ToContainTextAsync("up to 5");

        var (customer, email) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(customer, "complete-bundle");
        var offer = new OrderPage(customer).Offer(Headline);
        await Expect(offer.GetByRole(AriaRole.Button, new() { Name = "Add to my order — $19.00" })).ToBeVisibleAsync();
        await offer.GetByLabel("Quantity").SelectOptionAsync("3");
        await Expect(offer).ToContainTextAsync("3 × $19.00");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Add to my order — $57.00" }).ClickAsync();

        await Expect(offer).ToContainTextAsync("Premium add-on × 3 was added to your order: $57.00 charged to your card", new() { Timeout = 15_000 });
        // Its offer was made on the product page before the purchase; bought here, it joins this order.
        await Expect(customer.GetByRole(AriaRole.Table, new() { Name = "What you bought" })).ToContainTextAsync("Premium add-on × 3");
        await customer.GotoAsync("account");
        var orders = customer.GetByRole(AriaRole.Region, new() { Name = "Orders" });
        await Expect(orders.GetByRole(AriaRole.Row).Filter(new() { HasText = "Premium add-on × 3" })).ToContainTextAsync("$57.00");
        var charge = Assert.Single(await session.PaymentsAtDodoAsync(email), p => p.ProductCart?.Any(line => line.ProductId == "pdt_6Yw3Kp9Lq2Zx8Vm1Rt4Nb") == true);
        Assert.Equal(5700, charge.TotalAmount);
        Assert.Equal(3, Assert.Single(charge.ProductCart!).Quantity);
    }
}
