using Microsoft.Playwright;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>
/// The admin offers the Basic plan to Pro subscribers who say they don't use it enough. One takes it (saved, after
/// Dodo's preview); another cancels anyway in two clicks, the offer beside the button. The admin sees both.
/// </summary>
[Collection(PurchaseBrowserCollection.Name)]
public sealed class RetentionFlowTests(BrowserSession session) : IAsyncDisposable
{
    private const string Reason = "I don't use it enough";

    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task OneSubscriberIsSavedByTheCheaperPlan_AnotherCancelsAnyway_AndTheAdminSeesBoth()
    {
        var admin = await session.NewAdminAsync();
        await admin.GotoAsync("admin/retention");
        await admin.GetByLabel($"Offer for “{Reason}”").SelectOptionAsync(new SelectOptionValue { Label = "A cheaper plan: Basic plan ($30.00 / month)" });
        await admin.Locator("tr", new() { HasText = Reason }).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"Offer for “{Reason}” saved.");

        var saved = await ProSubscriberCancellingAsync();
        var offer = saved.GetByRole(AriaRole.Region, new() { Name = "Stay for less" });
        await Expect(offer).ToContainTextAsync("switch to Basic plan at $30.00 / month");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Switch to Basic plan" }).ClickAsync();
        var dialog = new PlanChangeDialog(saved);
        await Expect(dialog.ChargedNow).ToHaveTextAsync("$0.00");
        await dialog.ConfirmAsync();
        await Expect(saved.GetByTestId("current-plan")).ToHaveTextAsync("Basic plan", new() { Timeout = 15_000 });
        await Expect(saved.GetByTestId("ends-on")).ToHaveCountAsync(0);

        var leaving = await ProSubscriberCancellingAsync();
        await Expect(leaving.GetByRole(AriaRole.Region, new() { Name = "Stay for less" })).ToBeVisibleAsync();
        await leaving.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Cancel on ") }).ClickAsync();
        await Expect(leaving.GetByTestId("ends-on")).ToContainTextAsync("Your plan ends on");

        await admin.GotoAsync("admin/retention");
        var row = admin.Locator("tr[data-reason=not_using]");
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("Basic plan");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("1"); // took the offer
        await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("1"); // cancelled anyway
        await Expect(row.Locator("td").Nth(7)).ToHaveTextAsync("$30.00");
    }

    [Fact]
    public async Task ASubscriberWhoFindsItTooDear_TakesTheDiscount_AndDodoHasItOnThePlan()
    {
        const string reason = "It costs too much";
        var admin = await session.NewAdminAsync();
        await admin.GotoAsync("admin/retention");
        var form = admin.Locator("tr", new() { HasText = reason });
        await admin.GetByLabel($"Offer for “{reason}”").SelectOptionAsync(new SelectOptionValue { Label = "A discount on their plan" });
        await form.GetByLabel("% off").FillAsync("25");
        await form.GetByLabel("for bills").FillAsync("3");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"Offer for “{reason}” saved.");

        var (page, email) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(page, "basic-plan");
        await page.GotoAsync("account/subscription");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Basic plan", new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel subscription" }).ClickAsync();
        await page.GetByLabel(reason).CheckAsync();
        var offer = page.GetByRole(AriaRole.Region, new() { Name = "Stay for less" });
        await Expect(offer).ToContainTextAsync("25% off your next 3 bills: $22.50 instead of $30.00");
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Cancel on ") })).ToBeVisibleAsync();
        await offer.GetByRole(AriaRole.Button, new() { Name = "Take 25% off" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Done:" })).ToHaveTextAsync("Done: 25% off your next 3 bills. You pay $22.50 instead of $30.00.");
        await Expect(page.GetByTestId("discount")).ToHaveTextAsync("25% off your next 3 bills", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("ends-on")).ToHaveCountAsync(0);
        var payment = Assert.Single(await session.PaymentsAtDodoAsync(email));
        var atDodo = await session.Get<Dodo.Payments.DodoClient>().GetSubscriptionAsync(payment.SubscriptionId!, TestContext.Current.CancellationToken);
        Assert.Equal(3, atDodo.DiscountCyclesRemaining);

        await admin.GotoAsync("admin/retention");
        var row = admin.Locator("tr[data-reason=too_expensive]");
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("25% off 3 bills");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("1");
        await Expect(row.Locator("td").Nth(7)).ToHaveTextAsync("$22.50");
    }

    /// <summary>A new Pro subscriber on My subscription with the cancel form open and the reason chosen.</summary>
    private async Task<IPage> ProSubscriberCancellingAsync()
    {
        var (page, _) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(page, "pro-plan");
        await page.GotoAsync("account/subscription");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Pro plan", new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel subscription" }).ClickAsync();
        await page.GetByLabel(Reason).CheckAsync();
        return page;
    }
}
