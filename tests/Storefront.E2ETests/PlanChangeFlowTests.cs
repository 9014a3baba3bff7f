using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Web.Data;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

[Collection(PurchaseBrowserCollection.Name)]
public sealed class PlanChangeFlowTests(BrowserSession session) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task SubscriptionUpsell_BasicToPro_IsAPlanChangeWithDodosPreviewAndThePageUpdates()
    {
        var (page, _) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(page, "basic-plan");
        var offer = new OrderPage(page).Offer("Upgrade to Pro");
        await Expect(offer).ToContainTextAsync("Most popular upgrade");
        await Expect(offer).ToContainTextAsync("+$50.00 / month");
        await Expect(offer).ToContainTextAsync("Charged to VISA •••• 4242, the card your plan is billed to");

        await offer.GetByRole(AriaRole.Button, new() { Name = "Review upgrade" }).ClickAsync();
        var dialog = new PlanChangeDialog(page);
        await Expect(dialog.ChargedNow).ToHaveTextAsync("$50.00");
        await Expect(page.GetByTestId("plan-card")).ToHaveTextAsync("VISA •••• 4242, expires 06/32");
        await Expect(dialog.Dialog).ToContainTextAsync("Immediately");
        await Expect(dialog.Dialog).ToContainTextAsync("You pay the difference between the two plans' prices now");
        await dialog.ConfirmAsync();

        await Expect(offer).ToContainTextAsync("Pro plan was added to your order: $50.00 charged to your card", new() { Timeout = 15_000 });
        await page.GotoAsync("account/subscription");
        await Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Pro plan");
        await Expect(page.GetByTestId("plan-price")).ToHaveTextAsync("$80.00 / month");
        await page.GotoAsync("account");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Notifications" })).ToContainTextAsync("Your plan is now Pro plan.");
    }

    [Fact]
    public async Task MonthlyToYearly_IsAPlanChangeWithDodosPreview_AndThePlanIsBilledYearly()
    {
        var (page, email) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(page, "pro-plan");
        var offer = new OrderPage(page).Offer("Switch to yearly: two months free");
        await Expect(offer.GetByTestId("offer-charge")).ToHaveTextAsync("$800.00 / year");
        await Expect(offer).ToContainTextAsync("instead of $80.00 / month");

        await offer.GetByRole(AriaRole.Button, new() { Name = "Review the switch" }).ClickAsync();
        var dialog = new PlanChangeDialog(page);
        await Expect(dialog.ChargedNow).ToHaveTextAsync("$720.00"); // Dodo's preview: the year, less the unused month
        await dialog.ConfirmAsync();

        await Expect(offer).ToContainTextAsync("$720.00 charged to your card", new() { Timeout = 15_000 });
        await page.GotoAsync("account/subscription");
        await Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Pro plan (yearly)");
        await Expect(page.GetByTestId("plan-price")).ToHaveTextAsync("$800.00 / year");
        // A yearly period from the day of the switch, by Dodo's own clock (earlier tests may have moved it forward).
        var ct = TestContext.Current.CancellationToken;
        await using var db = await session.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(ct);
        var userId = (await db.Users.AsNoTracking().SingleAsync(u => u.Email == email, ct)).Id;
        var subscription = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.UserId == userId, ct);
        Assert.InRange((subscription.NextBillingDate - subscription.PreviousBillingDate).TotalDays, 365, 366);
        await Expect(page.GetByTestId("next-billing")).ToHaveTextAsync(subscription.NextBillingDate.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Downgrade_FromMySubscription_ShowsTheCreditAndThePageUpdatesWhenDodoConfirms()
    {
        var (page, _) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(page, "pro-plan");
        await page.GotoAsync("account/subscription");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Pro plan", new() { Timeout = 15_000 });

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to Basic plan" }).ClickAsync();
        var dialog = new PlanChangeDialog(page);
        await Expect(dialog.ChargedNow).ToHaveTextAsync("$0.00");
        await Expect(dialog.CreditCreated).ToContainTextAsync("$50.00, taken off your next bills");
        // A downgrade charges nothing now, and its button says what it does instead of "pay $0.00".
        await Expect(dialog.Dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm: switch to Basic plan, nothing to pay now" })).ToBeVisibleAsync();
        await dialog.ConfirmAsync();

        await Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Basic plan", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("credit")).ToContainTextAsync("$50.00");
        await Expect(page.GetByTestId("credit-movements")).ToContainTextAsync("+$50.00 · From switching to Basic plan");
    }

    [Fact]
    public async Task ScheduledDowngrade_KeepCurrentPlan_CancelsTheChangeAtDodo()
    {
        await SetPolicyAsync(new Storefront.Domain.Plans.PlanChangePolicy(DowngradeTiming: Storefront.Domain.Plans.ChangeTiming.NextBillingDate));
        try
        {
            var (page, _) = await session.NewCustomerAsync();
            await CustomerFlowTests.BuyAsync(page, "pro-plan");
            await page.GotoAsync("account/subscription");
            await page.Locator("[data-interactive=true]").WaitForAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Switch to Basic plan" }).ClickAsync();
            await new PlanChangeDialog(page).ConfirmAsync();
            await Expect(page.GetByTestId("scheduled-change")).ToContainTextAsync("Switches to Basic plan", new() { Timeout = 15_000 });

            await page.GetByRole(AriaRole.Button, new() { Name = "Keep Pro plan instead" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "You keep your current plan" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("scheduled-change")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Pro plan");
        }
        finally
        {
            await SetPolicyAsync(new Storefront.Domain.Plans.PlanChangePolicy());
        }
    }

    private async Task SetPolicyAsync(Storefront.Domain.Plans.PlanChangePolicy policy)
    {
        await using var scope = session.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Storefront.Web.Features.Subscriptions.PlanChangePolicyStore>().SaveAsync(policy, CancellationToken.None);
    }

    [Fact]
    public async Task UpgradeDeclined_WaitsForPayment_AnotherCardThenTryAgain_ChangesThePlan()
    {
        var (page, _) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(page, "basic-plan", "4000 0000 0000 0341");
        var offer = new OrderPage(page).Offer("Upgrade to Pro");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Review upgrade" }).ClickAsync();
        await new PlanChangeDialog(page).ConfirmAsync();
        await Expect(offer).ToContainTextAsync("Your plan didn't change.", new() { Timeout = 15_000 });

        await offer.GetByRole(AriaRole.Link, new() { NameRegex = new("My subscription") }).ClickAsync();
        var waiting = page.GetByTestId("awaiting-payment");
        await Expect(waiting).ToContainTextAsync("Your change to Pro plan is waiting for payment.", new() { Timeout = 15_000 });
        await Expect(waiting).ToContainTextAsync("You're still on Basic plan, and nothing was charged.");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await waiting.GetByRole(AriaRole.Button, new() { Name = "Use another card" }).ClickAsync();
        await new DodoCheckoutPage(page).PayAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/subscription"));
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await waiting.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        var dialog = new PlanChangeDialog(page);
        await Expect(dialog.ChargedNow).ToHaveTextAsync("$50.00");
        await dialog.ConfirmAsync();

        await Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Pro plan", new() { Timeout = 15_000 });
        await Expect(waiting).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RenewalDeclined_PaymentProblemBanner_UpdateCardReactivatesThePlan()
    {
        var (page, _) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(page, "basic-plan", "4000 0000 0000 0341");

        // A person moves the sandbox clock a month ahead on its console page: the renewal falls due and is declined.
        // (Days, not "next renewal": other tests' subscriptions in this shared sandbox may renew first.)
        await page.GotoAsync("sandbox/dodo/console");
        await page.GetByLabel("Sandbox API key").FillAsync(Dodo.Sandbox.SandboxOptions.DevelopmentApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the console" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Customer" }).First).ToBeVisibleAsync();
        await page.GetByLabel("Move the clock forward (days)").FillAsync("32");
        var before = await page.Locator("[data-now]").TextContentAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Advance clock" }).ClickAsync();
        await Expect(page.Locator("[data-now]")).Not.ToHaveTextAsync(before!);

        await page.GotoAsync("account/subscription");
        var banner = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There's a problem with your payment." });
        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await banner.GetByRole(AriaRole.Button, new() { Name = "Update card" }).ClickAsync();
        await new DodoCheckoutPage(page).PayAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/account/subscription"));
        await Expect(page.GetByText("Active", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(banner).ToHaveCountAsync(0);
    }
}
