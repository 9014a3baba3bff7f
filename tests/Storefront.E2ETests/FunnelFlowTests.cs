using Microsoft.Playwright;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>An admin builds a three-step funnel; the customer meets each step in turn, and after the third there are no more offers.</summary>
[Collection(PurchaseBrowserCollection.Name)]
public sealed class FunnelFlowTests(BrowserSession session) : IAsyncDisposable
{
    private const string StepOne = "Step one: a Single license";
    private const string StepTwo = "Step two: the Starter course";
    private const string StepThree = "Step three: the Upsell Playbook instead";

    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task AcceptThenDeclineThenDecline_ShowsThreeOffersInTurn_AndThenNoMore()
    {
        var admin = await session.NewAdminAsync();
        var rules = new UpsellRulesAdminPage(admin);
        await rules.OpenAsync();
        await rules.FillAsync("Post-purchase upsell", "Premium add-on ($19.00)", "Single license ($29.00)", StepOne);
        await rules.SaveAsync();
        var first = await rules.SavedRuleIdAsync();
        await rules.OpenAsync();
        await rules.FillAsync("Post-purchase upsell", "Premium add-on ($19.00)", "Starter course ($49.00)", StepTwo,
            follows: $"#{first} Premium add-on → Single license");
        await rules.SaveAsync();
        var second = await rules.SavedRuleIdAsync();
        await rules.OpenAsync();
        await rules.FillAsync("Downsell (follows a declined offer)", "Premium add-on ($19.00)", "The Upsell Playbook (e-book) ($12.00)", StepThree,
            follows: $"#{second} Premium add-on → Starter course");
        await rules.SaveAsync();
        await rules.SavedRuleIdAsync();
        var funnel = admin.GetByRole(AriaRole.Group, new() { Name = $"Funnel #{first} after Premium add-on" });
        await Expect(funnel).ToContainTextAsync($"If accepted: #{second} Starter course");
        await Expect(funnel).ToContainTextAsync("If declined:");

        var (customer, _) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(customer, "premium-addon");
        var order = new OrderPage(customer);
        await order.Offer(StepOne).GetByRole(AriaRole.Button, new() { Name = "Add to my order — $29.00" }).ClickAsync();
        await Expect(customer.GetByRole(AriaRole.Table, new() { Name = "What you bought" })).ToContainTextAsync("Single license", new() { Timeout = 15_000 });

        await order.Offer(StepTwo).GetByRole(AriaRole.Button, new() { Name = "No thanks" }).ClickAsync();
        await order.Offer(StepThree).GetByRole(AriaRole.Button, new() { Name = "No thanks" }).ClickAsync();

        await Expect(order.Offer(StepThree)).ToHaveCountAsync(0);
        await customer.ReloadAsync();
        await Expect(customer.Locator("section.offer-card:not(.compact)")).ToHaveCountAsync(0);
        await Expect(customer.GetByRole(AriaRole.Table, new() { Name = "What you bought" })).ToContainTextAsync("Single license");
    }
}
