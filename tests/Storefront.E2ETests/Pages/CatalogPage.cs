using Microsoft.Playwright;

namespace Storefront.E2ETests.Pages;

internal sealed class CatalogPage(IPage page)
{
    public ILocator Products => page.Locator(".product-card");

    public ILocator AccountMenu => page.GetByRole(AriaRole.Navigation, new() { Name = "Account" });

    public Task OpenAsync() => page.GotoAsync("");

    /// <summary>The filter is a link per choice (no circuit needed).</summary>
    public Task ShowAsync(string filter) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Show" }).GetByRole(AriaRole.Link, new() { Name = filter }).ClickAsync();
}
