using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storefront.Web.Data;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>
/// Takes the README's screenshots from the running store (docs/screenshots). Not part of the suite: run it when a
/// page's look changes, with <c>tests/screenshots.sh</c> (xUnit's explicit tests run only when asked).
/// </summary>
[Collection(SiteBrowserCollection.Name)]
public sealed class ReadmeScreenshots(BrowserSession session)
{
    private static readonly string Folder = Path.Combine(RepositoryFolder(), "docs", "screenshots");

    [Fact(Explicit = true)]
    public async Task TakeReadmeScreenshots()
    {
        var (page, _) = await session.NewCustomerAsync();
        await page.SetViewportSizeAsync(1200, 900);
        await page.GotoAsync("");
        await SaveAsync(page, "catalog.png");

        await CustomerFlowTests.BuyAsync(page, "starter-course");
        await Expect(new OrderPage(page).Offer("Get the Complete bundle")).ToContainTextAsync("Add to my order — $100.00");
        await SaveAsync(page, "order-offer.png");

        var (subscriber, _) = await session.NewCustomerAsync();
        await subscriber.SetViewportSizeAsync(1200, 900);
        await CustomerFlowTests.BuyAsync(subscriber, "basic-plan");
        await new OrderPage(subscriber).Offer("Upgrade to Pro").GetByRole(AriaRole.Button, new() { Name = "Review upgrade" }).ClickAsync();
        await Expect(new PlanChangeDialog(subscriber).ChargedNow).ToHaveTextAsync("$50.00");
        await SaveAsync(subscriber, "plan-change-dialog.png", fullPage: false); // the dialog over the page as it is seen
        await subscriber.Keyboard.PressAsync("Escape");
        await subscriber.GotoAsync("account/subscription");
        await Expect(subscriber.GetByTestId("current-plan")).ToHaveTextAsync("Basic plan");
        await SaveAsync(subscriber, "my-subscription.png");

        var admin = await session.NewPageAsync();
        await admin.SetViewportSizeAsync(1200, 900);
        await new SignInPage(admin).SignInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        await Expect(admin).ToHaveURLAsync(session.BaseUrl.ToString());
        await admin.GotoAsync("admin/upsell-rules");
        await SaveAsync(admin, "admin-upsell-maps.png");
        await admin.GotoAsync("admin/analytics");
        await admin.Locator(".chart-card svg .rz-category-axis").WaitForAsync();
        await SaveAsync(admin, "admin-analytics.png");

        var ct = TestContext.Current.CancellationToken;
        long experimentId;
        await using (var db = await session.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(ct))
        {
            var rule = await db.UpsellRules.FirstAsync(r => r.TriggerProductId == "single-license" && r.Kind == Storefront.Domain.Offers.OfferKind.PostPurchaseUpsell, ct);
            experimentId = await Storefront.Testing.ExperimentSeed.KnownAnswerAsync(db, rule.Id, ct);
        }

        await admin.GotoAsync($"admin/experiments/{experimentId}");
        await admin.Locator(".chart-card svg .rz-category-axis").WaitForAsync();
        await SaveAsync(admin, "admin-experiment.png");
    }

    private static Task SaveAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name), FullPage = fullPage });

    private static string RepositoryFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Storefront.sln")) && !Directory.Exists(Path.Combine(folder.FullName, ".git")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}
