using Dodo.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storefront.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>A subscriber manages the plan: cancels in two clicks (the reason is optional) and keeps it after all; bills another card.</summary>
[Collection(PurchaseBrowserCollection.Name)]
public sealed class CancelPlanFlowTests(BrowserSession session) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task CancelInTwoClicks_ThePlanEndsOnItsBillingDate_AndKeepMyPlanUndoesIt()
    {
        var (page, email) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(page, "basic-plan");
        await page.GotoAsync("account/subscription");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Basic plan", new() { Timeout = 15_000 });
        var billingDate = (await page.GetByTestId("next-billing").TextContentAsync())!;

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel subscription" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Cancel on {billingDate}" }).ClickAsync();

        await Expect(page.GetByTestId("ends-on")).ToContainTextAsync($"Your plan ends on {billingDate}.");
        Assert.True((await AtDodoAsync(email)).CancelAtNextBillingDate);

        await page.GetByTestId("ends-on").GetByRole(AriaRole.Button, new() { Name = "Keep my plan" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your plan continues.");
        await Expect(page.GetByTestId("ends-on")).ToHaveCountAsync(0);
        Assert.False((await AtDodoAsync(email)).CancelAtNextBillingDate);
    }

    [Fact]
    public async Task AnActiveSubscriber_BillsAnotherCard_ThroughDodosPage()
    {
        var (page, email) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(page, "basic-plan");
        await page.GotoAsync("account/subscription");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        var before = (await AtDodoAsync(email)).PaymentMethodId;

        await page.GetByRole(AriaRole.Button, new() { Name = "Bill another card" }).ClickAsync();
        await new Pages.DodoCheckoutPage(page).PayAsync("5555 5555 5555 4444");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/subscription"));
        await Storefront.Testing.Wait.UntilAsync(async () => (await AtDodoAsync(email)).PaymentMethodId != before, "Dodo to bill the new card");
    }

    private async Task<Dodo.Payments.Models.Subscription> AtDodoAsync(string email)
    {
        await using var db = await session.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync();
        var userId = (await db.Users.AsNoTracking().SingleAsync(u => u.Email == email)).Id;
        var subscriptionId = (await db.Subscriptions.AsNoTracking().SingleAsync(s => s.UserId == userId)).DodoSubscriptionId;
        return await session.Get<DodoClient>().GetSubscriptionAsync(subscriptionId, CancellationToken.None);
    }
}
