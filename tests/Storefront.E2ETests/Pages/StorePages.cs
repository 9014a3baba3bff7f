using Microsoft.Playwright;

namespace Storefront.E2ETests.Pages;

internal sealed class ProductPage(IPage page)
{
    public Task OpenAsync(string productId) => page.GotoAsync("products/" + productId);

    public Task BuyAsync() => page.GetByRole(AriaRole.Button, new() { NameRegex = new("^(Buy now|Subscribe|Start free trial)$") }).ClickAsync();

    public ILocator CrossSells => page.GetByRole(AriaRole.Region, new() { NameRegex = new("^Goes well with") });

    /// <summary>Cross-sells are interactive; wait for the circuit before clicking.</summary>
    public Task WaitInteractiveAsync() => page.Locator("[data-interactive=true]").WaitForAsync();
}

/// <summary>The sandbox Dodo's hosted checkout page.</summary>
internal sealed class DodoCheckoutPage(IPage page)
{
    public async Task PayAsync(string card = "4242 4242 4242 4242", string expiry = "06/32", string cvc = "123")
    {
        // Polls the address only: waiting for a load state here raced Chromium's events on a busy machine.
        await Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sandbox/dodo/checkout/"));
        await page.GetByLabel("Card number").FillAsync(card);
        await page.GetByLabel("Expiry (MM/YY)").FillAsync(expiry);
        await page.GetByLabel("CVC").FillAsync(cvc);
        if (await page.GetByLabel("Street address").CountAsync() > 0)
        {
            await page.GetByLabel("Street address").FillAsync("742 Evergreen Terrace");
            await page.GetByLabel("City").FillAsync("Springfield");
            await page.GetByLabel("Postal code").FillAsync("97477");
        }
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^(Pay|Save card|Start free trial)") }).ClickAsync();
    }

    /// <summary>The bank's 3-D Secure page (test card 4000 0025 0000 3155), at checkout or after a one-click accept.</summary>
    public async Task ConfirmWithBankAsync()
    {
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your payment" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete authentication" }).ClickAsync();
    }
}

internal sealed class OrderPage(IPage page)
{
    public ILocator Status => page.GetByTestId("order-status");

    public ILocator Offer(string headline) => page.GetByRole(AriaRole.Region, new() { Name = headline });

    public async Task WaitPaidAsync()
    {
        await Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/orders/"));
        await Microsoft.Playwright.Assertions.Expect(Status).ToHaveTextAsync("Paid", new() { Timeout = 20_000 });
        await page.Locator("[data-interactive=true]").First.WaitForAsync();
    }
}

internal sealed class PlanChangeDialog(IPage page)
{
    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);

    public ILocator ChargedNow => page.GetByTestId("charged-now");

    public ILocator CreditCreated => page.GetByTestId("credit-created");

    public Task ConfirmAsync() => Dialog.GetByRole(AriaRole.Button, new() { NameRegex = new("^Confirm") }).ClickAsync();
}
