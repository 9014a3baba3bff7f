using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>A subscriber finds their invoice in My account, opens Dodo's billing portal from there, cancels in it, and the store shows the plan ending.</summary>
[Collection(PurchaseBrowserCollection.Name)]
public sealed class BillingPortalFlowTests(BrowserSession session) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task InvoiceInMyAccount_ThenDodosPortal_ACancellationThereShowsInTheStore()
    {
        var (page, email) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(page, "basic-plan");

        await page.GotoAsync("account");
        var payments = page.GetByRole(AriaRole.Table, new() { Name = "Payments" });
        var paid = payments.GetByRole(AriaRole.Row).Filter(new() { HasText = "$30.00" });
        await Expect(paid).ToContainTextAsync("Paid");
        var invoice = await paid.GetByRole(AriaRole.Link, new() { Name = "Invoice (PDF)" }).GetAttributeAsync("href");
        var pdf = await page.APIRequest.GetAsync(invoice!);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Manage billing on Dodo Payments" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Billing for {email}" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel at the end of the period" }).ClickAsync();
        await Expect(page.GetByText("ends ")).ToBeVisibleAsync();

        await page.GotoAsync("account/subscription");
        await Expect(page.GetByTestId("ends-on")).ToContainTextAsync("Your plan ends on", new() { Timeout = 15_000 });
    }
}
