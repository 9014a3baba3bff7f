using Microsoft.Playwright;

namespace Storefront.E2ETests.Pages;

internal sealed class CatalogPage(IPage page)
{
    public ILocator Products => page.Locator(".product-card");

    public ILocator AccountMenu => page.GetByRole(AriaRole.Navigation, new() { Name = "Account" });

    public async Task OpenAsync()
    {
        await page.GotoAsync("");
        // The filter is interactive: wait until the circuit is up before clicking, as a person would see it work.
        await page.Locator("[data-interactive=true]").WaitForAsync();
    }

    public Task ShowAsync(string filter) =>
        page.GetByRole(AriaRole.Group, new() { Name = "Show" }).GetByRole(AriaRole.Button, new() { Name = filter }).ClickAsync();
}
