using Microsoft.Playwright;

namespace Storefront.E2ETests.Pages;

internal sealed class ForgotPasswordPage(IPage page)
{
    public async Task RequestLinkAsync(string email)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        // The sign-in page has an Email field too: wait until the link's page is the one shown.
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forgot your password?" })).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
    }
}

internal sealed class ResetPasswordPage(IPage page)
{
    public async Task ChooseAsync(string email, string password)
    {
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a new password" })).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm new password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set my new password" }).ClickAsync();
    }
}
