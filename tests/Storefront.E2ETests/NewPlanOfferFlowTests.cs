using Microsoft.Playwright;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>A one-time buyer is offered a plan: it starts on Dodo's checkout, and the customer then has that plan.</summary>
[Collection(SiteBrowserCollection.Name)]
public sealed class NewPlanOfferFlowTests(BrowserSession session) : IAsyncDisposable
{
    private const string Headline = "Keep learning every month";

    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task OneTimeBuyer_OfferedAPlan_SubscribesOnDodosCheckout_AndHasThatPlan()
    {
        var admin = await session.NewAdminAsync();
        var rules = new UpsellRulesAdminPage(admin);
        await rules.OpenAsync();
        await rules.FillAsync("Post-purchase upsell", "Complete bundle ($149.00)", "Basic plan ($30.00 / month)", Headline);
        await rules.SaveAsync();
        await rules.SavedRuleIdAsync();

        var (customer, _) = await session.NewCustomerAsync();
        var orderUrl = await CustomerFlowTests.BuyAsync(customer, "complete-bundle");
        var offer = new OrderPage(customer).Offer(Headline);
        await Expect(offer).ToContainTextAsync("billed every period until you cancel");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Subscribe — $30.00 / month" }).ClickAsync();

        await new DodoCheckoutPage(customer).PayAsync();
        await new OrderPage(customer).WaitPaidAsync();
        await customer.GotoAsync("account/subscription");
        await Expect(customer.GetByTestId("current-plan")).ToHaveTextAsync("Basic plan", new() { Timeout = 15_000 });
        await customer.GotoAsync(orderUrl);
        await Expect(new OrderPage(customer).Offer(Headline)).ToContainTextAsync("Basic plan was added to your order", new() { Timeout = 15_000 });
    }
}
