using Microsoft.Playwright;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

[Collection(SiteBrowserCollection.Name)]
public sealed class FoundationFlowTests(BrowserSession session) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task SignIn_DemoCustomer_SeesTheCatalog()
    {
        var page = await session.NewPageAsync();

        await new SignInPage(page).SignInAsync(DemoAccounts.CustomerEmail, DemoAccounts.CustomerPassword);

        var catalog = new CatalogPage(page);
        await Expect(catalog.Products).ToHaveCountAsync(10);
        await Expect(catalog.Products.Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"Pro plan(?! \(yearly\))") })).ToContainTextAsync("$80.00 / month");
        await Expect(catalog.Products.Filter(new() { HasText = "Pro plan (yearly)" })).ToContainTextAsync("$800.00 / year");
        await Expect(catalog.AccountMenu.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsAClearMessageAndStaysSignedOut()
    {
        var page = await session.NewPageAsync();

        await new SignInPage(page).SignInAsync(DemoAccounts.CustomerEmail, "not-my-password");

        await Expect(page.GetByText("Invalid email or password.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "My account" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AdminPage_Customer_IsRefused()
    {
        var page = await session.NewPageAsync();
        await new SignInPage(page).SignInAsync(DemoAccounts.CustomerEmail, DemoAccounts.CustomerPassword);

        await page.GotoAsync("admin");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AdminPage_Admin_IsLetInFromTheAccountMenu()
    {
        var page = await session.NewPageAsync();
        await new SignInPage(page).SignInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Account" }).GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("products for sale")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AdminPage_Anonymous_IsSentToSignInAndBackAfterwards()
    {
        var page = await session.NewPageAsync();

        await page.GotoAsync("admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync(DemoAccounts.AdminEmail);
        await page.GetByLabel("Password").FillAsync(DemoAccounts.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin$"));
    }

    [Fact]
    public async Task CatalogFilter_ChoosePlans_ShowsOnlyPlans()
    {
        var page = await session.NewPageAsync();
        var catalog = new CatalogPage(page);
        await catalog.OpenAsync();

        await catalog.ShowAsync("Plans");

        await Expect(catalog.Products).ToHaveCountAsync(4);
        await Expect(page.GetByText("Showing 4 of 10 products")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?]show=plans$"));
        await catalog.ShowAsync("All");
        await Expect(catalog.Products).ToHaveCountAsync(10);
    }

    [Fact]
    public async Task SignOut_FromTheAccountMenu_EndsTheSession()
    {
        var (page, _) = await session.NewCustomerAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Account" }).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ChangePassword_TooShortIsRefused_ThenTheNewOneSignsIn()
    {
        var (page, email) = await session.NewCustomerAsync();
        await page.GotoAsync("Account/Manage/ChangePassword");

        await page.GetByLabel("Current password").FillAsync(BrowserSession.CustomerPassword);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("Confirm new password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update password" }).ClickAsync();
        await Expect(page.GetByText("must be at least 8 characters")).ToBeVisibleAsync();

        await page.GetByLabel("Current password").FillAsync(BrowserSession.CustomerPassword);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("a brand new passphrase");
        await page.GetByLabel("Confirm new password").FillAsync("a brand new passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update password" }).ClickAsync();
        await Expect(page.GetByText("Your password has been changed")).ToBeVisibleAsync();

        var fresh = await session.NewPageAsync();
        await new SignInPage(fresh).SignInAsync(email, "a brand new passphrase");
        await Expect(fresh.GetByRole(AriaRole.Link, new() { Name = "My account" })).ToBeVisibleAsync();
    }
}
