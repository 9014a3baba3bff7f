using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>
/// An admin makes an API key and a usage rule; the merchant's app reports "projects: 5 of 5"; the customer's next page
/// suggests Pro, and the upgrade goes through Dodo's preview. A revoked key is refused.
/// </summary>
[Collection(PurchaseBrowserCollection.Name)]
public sealed class UsageUpgradeFlowTests(BrowserSession session) : IAsyncDisposable
{
    private const string Headline = "You're out of projects.";

    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task AUsageReport_LeadsToAnAcceptedUpgrade()
    {
        var admin = await session.NewAdminAsync();
        await admin.GotoAsync("admin/usage");
        await admin.GetByLabel("Name").FillAsync("Recipe app");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = (await admin.GetByTestId("new-key").TextContentAsync())!;
        await admin.GetByLabel("Customer's plan").SelectOptionAsync(new SelectOptionValue { Label = "Basic plan ($30.00 / month)" });
        await admin.GetByLabel("Metric").FillAsync("projects");
        await admin.GetByLabel("At (% of the limit)").FillAsync("100");
        await admin.GetByLabel("Offer").SelectOptionAsync(new SelectOptionValue { Label = "Pro plan ($80.00 / month)" });
        await admin.GetByLabel("Headline").FillAsync(Headline);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Table, new() { Name = "Usage rules" })).ToContainTextAsync("projects at 100% of the limit");

        var (customer, email) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(customer, "basic-plan");
        Assert.Equal(HttpStatusCode.Accepted, await ReportAsync(key, email, used: 5));

        await customer.GotoAsync("");
        var banner = customer.GetByRole(AriaRole.Complementary, new() { Name = "Upgrade suggestion" });
        await Expect(banner).ToContainTextAsync($"{Headline} You use 5 of your 5 projects.");
        await banner.GetByRole(AriaRole.Link, new() { Name = "See the upgrade" }).ClickAsync();
        await customer.Locator("[data-interactive=true]").WaitForAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Switch to Pro plan", Exact = true }).ClickAsync();
        var dialog = new PlanChangeDialog(customer);
        await Expect(dialog.ChargedNow).ToHaveTextAsync("$50.00");
        await dialog.ConfirmAsync();
        await Expect(customer.GetByTestId("current-plan")).ToHaveTextAsync("Pro plan", new() { Timeout = 15_000 });
        await customer.GotoAsync("");
        await Expect(customer.GetByRole(AriaRole.Complementary, new() { Name = "Upgrade suggestion" })).ToHaveCountAsync(0); // on Pro, the Basic rule no longer applies

        await admin.GotoAsync("admin/usage");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Revoke Recipe app" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Table, new() { Name = "API keys" })).ToContainTextAsync("Revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await ReportAsync(key, email, used: 6));
    }

    private async Task<HttpStatusCode> ReportAsync(string key, string email, int used)
    {
        using var app = new HttpClient { BaseAddress = session.BaseUrl };
        app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await app.PostAsJsonAsync("api/usage", new { customerEmail = email, metric = "projects", used, limit = 5 }, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
