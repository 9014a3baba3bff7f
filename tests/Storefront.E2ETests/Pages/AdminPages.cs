using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Storefront.E2ETests.Pages;

internal sealed class UpsellRulesAdminPage(IPage page)
{
    public Task OpenAsync() => page.GotoAsync("admin/upsell-rules");

    public ILocator Rows => page.Locator("table.admin-table").First.Locator("tbody tr");

    public ILocator FieldError(string text) => page.Locator(".field-error, .validation-message").Filter(new() { HasText = text });

    public async Task FillAsync(string kind, string trigger, string offer, string headline, string? badge = null, string? follows = null)
    {
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await page.GetByLabel("Bought product").SelectOptionAsync(new SelectOptionValue { Label = trigger });
        await page.GetByLabel("Offered product").SelectOptionAsync(new SelectOptionValue { Label = offer });
        if (follows is not null)
        {
            await page.GetByLabel("Follows offer").SelectOptionAsync(new SelectOptionValue { Label = follows });
        }

        await page.GetByLabel("Headline").FillAsync(headline);
        if (badge is not null)
        {
            await page.GetByLabel("Badge").FillAsync(badge);
        }
    }

    public Task SaveAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();

    public async Task<long> SavedRuleIdAsync()
    {
        var status = page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new Regex("^Rule \\d+ saved") });
        await status.WaitForAsync();
        return long.Parse(Regex.Match((await status.TextContentAsync())!, "\\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
