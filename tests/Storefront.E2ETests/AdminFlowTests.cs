using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

[Collection(SiteBrowserCollection.Name)]
public sealed class AdminFlowTests(BrowserSession session) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => session.EndTestAsync();

    private static readonly string[] AdminPages = ["admin", "admin/upsell-rules", "admin/plan-policy", "admin/analytics", "admin/webhooks", "admin/dry-run"];

    [Fact]
    public async Task AdminCreatesARule_CustomerBuysTheTriggerAndSeesThatOffer_AcceptingShowsInAnalytics()
    {
        var admin = await session.NewAdminAsync();
        var rules = new UpsellRulesAdminPage(admin);
        var headline = "Add the premium pack " + Guid.NewGuid().ToString("N")[..6];
        await rules.OpenAsync();
        await rules.FillAsync("Post-purchase upsell", "The Upsell Playbook (e-book) ($12.00)", "Premium add-on ($19.00)", headline, badge: "Readers love it");
        await rules.SaveAsync();
        var ruleId = await rules.SavedRuleIdAsync();

        var (customer, _) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(customer, "upsell-playbook-ebook");
        var offer = new OrderPage(customer).Offer(headline);
        await Expect(offer).ToContainTextAsync("Readers love it");
        await Expect(customer.Locator("section.offer-card:not(.compact)")).ToHaveCountAsync(1);
        await offer.GetByRole(AriaRole.Button, new() { Name = "Add to my order" }).ClickAsync();
        await Expect(offer).ToContainTextAsync("added to your order", new() { Timeout = 15_000 });

        await admin.GotoAsync("admin/analytics");
        var row = admin.Locator($"tr[data-rule='{ruleId}']");
        await Expect(row).ToContainTextAsync("100.0%");
        await Expect(row).ToContainTextAsync("$19.00");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("1");
        // The chart has one category per day of the range (30 by default) and draws today's impression and accept.
        await admin.Locator(".chart-card svg .rz-category-axis").WaitForAsync();
        var days = await admin.Locator(".chart-card .rz-category-axis .rz-tick-text").AllTextContentsAsync();
        Assert.Equal(30, days.Count);
        Assert.Equal(DateTime.UtcNow.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture), days[^1]);
        var barsPerSeries = await admin.EvaluateAsync<int[]>(
            "() => [...document.querySelectorAll('.chart-card .rz-column-series')].map(s => [...s.querySelectorAll('path')].filter(p => p.getBBox().height > 0).length)");
        Assert.Equal(2, barsPerSeries.Length);
        Assert.All(barsPerSeries, bars => Assert.True(bars >= 1, "a series drew no bar for a day with a count"));
    }

    [Fact]
    public async Task InvalidRules_ShowTheirErrorsNextToTheFieldsAndSaveNothing()
    {
        var admin = await session.NewAdminAsync();
        var rules = new UpsellRulesAdminPage(admin);
        await rules.OpenAsync();
        var before = await rules.Rows.CountAsync();

        await rules.FillAsync("Post-purchase upsell", "Starter course ($49.00)", "Starter course ($49.00)", "");
        await rules.SaveAsync();

        await Expect(rules.FieldError("The offer must be a different product from the one bought.")).ToBeVisibleAsync();
        await Expect(rules.FieldError("Write a headline the customer will read.")).ToBeVisibleAsync();
        await Expect(admin.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The rule was not saved." })).ToBeVisibleAsync();

        var teamOffer = (await admin.GetByLabel("Follows offer").Locator("option", new() { HasText = "Single license → Team license" }).TextContentAsync())!.Trim();
        await rules.FillAsync("Downsell (follows a declined offer)", "Starter course ($49.00)", "Complete bundle ($149.00)", "Not cheaper", follows: teamOffer);
        await rules.SaveAsync();
        await Expect(rules.FieldError("A downsell follows an offer made for the same purchase.")).ToBeVisibleAsync();
        await Expect(rules.FieldError("A downsell must be cheaper than the offer it follows.")).ToBeVisibleAsync();

        await rules.OpenAsync();
        await Expect(rules.Rows).ToHaveCountAsync(before);
    }

    [Fact]
    public async Task Customer_IsRefusedOnEveryAdminPage()
    {
        var (customer, _) = await session.NewCustomerAsync();

        foreach (var path in AdminPages)
        {
            await customer.GotoAsync(path);
            await Expect(customer.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        }

        var csv = await customer.APIRequest.GetAsync("admin/analytics.csv");
        Assert.Contains("/Account/AccessDenied", csv.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanPolicy_DowngradesAtNextBillingDate_TheCustomersDialogSaysSo()
    {
        var admin = await session.NewAdminAsync();
        await admin.GotoAsync("admin/plan-policy");
        await admin.GetByLabel("Takes effect").SelectOptionAsync(new SelectOptionValue { Label = "At the next billing date" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Policy saved");
        try
        {
            var (customer, _) = await session.NewCustomerAsync();
            await CustomerFlowTests.BuyAsync(customer, "pro-plan");
            await customer.GotoAsync("account/subscription");
            await customer.Locator("[data-interactive=true]").WaitForAsync();
            await Expect(customer.GetByTestId("current-plan")).ToHaveTextAsync("Pro plan", new() { Timeout = 15_000 });
            await customer.GetByRole(AriaRole.Button, new() { Name = "Switch to Basic plan" }).ClickAsync();

            var dialog = new PlanChangeDialog(customer);
            await Expect(dialog.Dialog.GetByTestId("effective")).ToContainTextAsync("On your next billing date");
            await Expect(dialog.ChargedNow).ToHaveTextAsync("$0.00");
        }
        finally
        {
            await admin.GotoAsync("admin/plan-policy");
            await admin.GetByLabel("Takes effect").SelectOptionAsync(new SelectOptionValue { Label = "Immediately" });
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Policy saved");
        }
    }

    [Fact]
    public async Task WebhookLog_And_DryRun_ExplainWhatHappened()
    {
        var (customer, _) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(customer, "starter-course");
        var admin = await session.NewAdminAsync();

        await admin.GotoAsync("admin/webhooks");
        await admin.GetByLabel("Search").FillAsync("payment.succeeded");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(admin.Locator("tr[data-webhook-id]").First).ToContainTextAsync("Verified");

        await admin.GotoAsync("admin/dry-run");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Explain" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("for e2e-") })).ToBeVisibleAsync();
        await Expect(admin.GetByText("Highest-priority live upsell for this purchase.").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SyncNow_And_CsvExport_WorkFromTheAdminPages()
    {
        var admin = await session.NewAdminAsync();
        await admin.GotoAsync("admin/upsell-rules");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "Synced:" })).ToContainTextAsync("products at Dodo");

        await admin.GotoAsync("admin/analytics");
        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var path = await download.PathAsync();
        Assert.StartsWith("rule_id,rule,impressions,accepts", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookLog_EmptySearchSaysSo_AndAnEntryOpensWithItsPayloadAttemptsAndError()
    {
        var (customer, _) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(customer, "starter-course");
        var admin = await session.NewAdminAsync();

        await admin.GotoAsync("admin/webhooks?q=no-such-webhook-anywhere");
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("No webhooks match this search");

        await admin.GotoAsync("admin/webhooks?q=payment.succeeded");
        await admin.Locator("tr[data-webhook-id] a").First.ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("payment.succeeded");
        await Expect(admin.GetByTestId("webhook-status")).ToHaveTextAsync("Processed");
        await Expect(admin.GetByTestId("webhook-error")).ToHaveTextAsync("None");
        await Expect(admin.GetByLabel("Payload")).ToContainTextAsync("\"payload_type\": \"Payment\"");
        await Accessibility.Axe.AssertNoSeriousViolationsAsync(admin, "webhook detail");
    }
}
