using Microsoft.Playwright;
using Storefront.E2ETests.Accessibility;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>Every page a customer or admin uses passes axe-core's WCAG 2.2 AA rules with no serious or critical violation.</summary>
[Collection(SiteBrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserSession session) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task VisitorPages_PassWcagAA()
    {
        var page = await session.NewPageAsync();
        foreach (var (path, name) in new[] { ("", "catalog"), ("products/starter-course", "product"), ("products/basic-plan", "plan product"), ("Account/Login", "sign-in"), ("Account/Register", "registration") })
        {
            await page.GotoAsync(path);
            await Axe.AssertNoSeriousViolationsAsync(page, name);
        }
    }

    [Fact]
    public async Task CustomerPages_OrderWithOffer_SandboxCheckout_Account_PassWcagAA()
    {
        var (page, _) = await session.NewCustomerAsync();
        var product = new ProductPage(page);
        await product.OpenAsync("basic-plan");
        await product.BuyAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sandbox/dodo/checkout/"));
        await Axe.AssertNoSeriousViolationsAsync(page, "Dodo's checkout page (sandbox)");
        await new DodoCheckoutPage(page).PayAsync();
        await new OrderPage(page).WaitPaidAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "order page with its offer");

        await new OrderPage(page).Offer("Upgrade to Pro").GetByRole(AriaRole.Button, new() { Name = "Review upgrade" }).ClickAsync();
        await Expect(new PlanChangeDialog(page).ChargedNow).ToHaveTextAsync("$50.00");
        await Axe.AssertNoSeriousViolationsAsync(page, "plan-change dialog");
        await page.Keyboard.PressAsync("Escape");

        foreach (var (path, name) in new[] { ("account", "my account"), ("account/subscription", "my subscription") })
        {
            await page.GotoAsync(path);
            await page.Locator("[data-interactive=true]").First.WaitForAsync();
            await Axe.AssertNoSeriousViolationsAsync(page, name);
        }
    }

    [Fact]
    public async Task OnA390pxPhone_PurchaseAndUpsell_FitTheScreen_WithoutSidewaysScrolling()
    {
        var (page, _) = await session.NewCustomerAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("");
        await AssertFitsAsync(page, "catalog");
        await CustomerFlowTests.BuyAsync(page, "basic-plan");
        await AssertFitsAsync(page, "order page with its offer");

        await new OrderPage(page).Offer("Upgrade to Pro").GetByRole(AriaRole.Button, new() { Name = "Review upgrade" }).ClickAsync();
        var dialog = new PlanChangeDialog(page);
        await Expect(dialog.ChargedNow).ToHaveTextAsync("$50.00");
        await AssertFitsAsync(page, "plan-change dialog");
        var box = (await dialog.Dialog.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"the dialog spans x={box.X}..{box.X + box.Width} on a 390 px screen");
        await dialog.ConfirmAsync();
        await Expect(new OrderPage(page).Offer("Upgrade to Pro")).ToContainTextAsync("was added to your order", new() { Timeout = 15_000 });

        foreach (var path in new[] { "account", "account/subscription", "products/starter-course" })
        {
            await page.GotoAsync(path);
            await AssertFitsAsync(page, path);
        }
    }

    [Fact]
    public async Task PlanDialog_ByKeyboard_KeepsFocusInside_AndGivesItBackWhenClosed()
    {
        var (page, _) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(page, "basic-plan");
        var review = new OrderPage(page).Offer("Upgrade to Pro").GetByRole(AriaRole.Button, new() { Name = "Review upgrade" });
        await review.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = new PlanChangeDialog(page);
        await Expect(dialog.ChargedNow).ToHaveTextAsync("$50.00");
        // Opening moves focus into the dialog (Radzen does it once the dialog has rendered).
        await page.WaitForFunctionAsync("() => !!document.activeElement && !!document.activeElement.closest('[role=dialog]')");

        for (var i = 0; i < 8; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.True(await page.EvaluateAsync<bool>("() => !!document.activeElement.closest('[role=dialog]')"), $"focus left the dialog after {i + 1} Tab(s)");
        }

        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog.Dialog).ToHaveCountAsync(0);
        await Expect(review).ToBeFocusedAsync();
    }

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var sizes = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (content, screen) = (sizes[0], sizes[1]);
        Assert.True(content <= screen, $"{what}: the page is {content} px wide on a {screen} px screen");
    }

    [Fact]
    public async Task AdminPages_PassWcagAA()
    {
        var page = await session.NewPageAsync();
        await new SignInPage(page).SignInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        await Expect(page).ToHaveURLAsync(session.BaseUrl.ToString());
        foreach (var path in new[] { "admin", "admin/upsell-rules", "admin/plan-policy", "admin/analytics", "admin/experiments", "admin/retention", "admin/trials", "admin/usage", "admin/webhooks", "admin/dry-run" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Axe.AssertNoSeriousViolationsAsync(page, path);
        }
    }
}
