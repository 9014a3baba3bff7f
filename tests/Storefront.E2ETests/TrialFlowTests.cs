using Microsoft.Playwright;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>
/// A customer starts the Studio plan's 14-day free trial (nothing charged at Dodo's checkout), then chooses "Start
/// paying now" on My subscription: Dodo's preview states the charge, the confirmed charge at Dodo equals it, and the
/// admin's trial report counts the conversion.
/// </summary>
[Collection(PurchaseBrowserCollection.Name)]
public sealed class TrialFlowTests(BrowserSession session) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task ATrialStartsForNothing_ThenConvertsWhenTheCustomerStartsPaying_AndTheAdminSeesIt()
    {
        var (page, email) = await session.NewCustomerAsync();
        var product = new ProductPage(page);
        await product.OpenAsync("studio-plan");
        await Expect(page.GetByTestId("trial-note")).ToContainTextAsync("14-day free trial.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start free trial" }).ClickAsync();
        await Expect(page.GetByText("Studio plan (14-day free trial, then $50.00)")).ToBeVisibleAsync();
        await new DodoCheckoutPage(page).PayAsync();

        await Expect(new OrderPage(page).Status).ToHaveTextAsync("Free trial started", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("trial-started")).ToContainTextAsync("Nothing was charged today.");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "$0.00" })).ToBeVisibleAsync();
        Assert.Empty(await session.PaymentsAtDodoAsync(email));

        await page.GotoAsync("account/subscription");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Expect(page.GetByTestId("trial")).ToContainTextAsync("Your first payment of $50.00 is due then.", new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Start paying now" }).ClickAsync();
        var dialog = new PlanChangeDialog(page);
        await Expect(dialog.Dialog).ToContainTextAsync("Your free trial ends now and Studio plan ($50.00 / month) starts today.");
        await Expect(dialog.ChargedNow).ToHaveTextAsync("$50.00");
        await dialog.Dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm and pay $50.00" }).ClickAsync();

        await Expect(page.GetByTestId("trial")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Expect(page.Locator(".plan-current dd").Nth(1)).ToHaveTextAsync("Active");
        var payment = Assert.Single(await session.PaymentsAtDodoAsync(email));
        Assert.Equal((Dodo.Payments.Models.PaymentStatus.Succeeded, 5000L), (payment.Status, payment.TotalAmount));

        var admin = await session.NewAdminAsync();
        await admin.GotoAsync("admin/trials");
        var row = admin.Locator("tr", new() { Has = admin.GetByRole(AriaRole.Cell, new() { Name = "Studio plan", Exact = true }) });
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("1"); // converted
        await Expect(row.GetByTestId("conversion")).ToHaveTextAsync("100.0%");
        await Expect(row.Locator("td").Nth(7)).ToHaveTextAsync("$50.00");
    }
}
