using Microsoft.Playwright;

namespace Storefront.E2ETests.Pages;

internal sealed class SignInPage(IPage page)
{
    public async Task SignInAsync(string email, string password, string? returnUrl = null)
    {
        await page.GotoAsync(returnUrl is null ? "Account/Login" : "Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
