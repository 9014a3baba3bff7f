using Microsoft.Playwright;

namespace Storefront.E2ETests.Pages;

internal sealed class RegisterPage(IPage page)
{
    public async Task RegisterAsync(string name, string email, string password)
    {
        await page.GotoAsync("Account/Register");
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
    }
}
