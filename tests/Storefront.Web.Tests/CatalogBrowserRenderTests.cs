using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Storefront.Domain;
using Storefront.Domain.Catalog;
using Storefront.Web.Features.Catalog;

namespace Storefront.Web.Tests;

/// <summary>Component render tests with the framework's HtmlRenderer (bunit cannot run on .NET 10 here, ADR-0004).</summary>
public sealed class CatalogBrowserRenderTests
{
    private static readonly CatalogItem Basic = new("basic-plan", "Basic plan", "For starters", "", ProductKind.Subscription,
        new Money(3000, "USD"), BillingInterval.Month, ["1 storefront"], "plan-basic.svg");

    private static readonly CatalogItem Course = new("starter-course", "Starter course", "Six lessons", "", ProductKind.OneTime,
        new Money(4900, "USD"), null, ["6 video lessons"], null);

    [Fact]
    public async Task Render_TwoProducts_ListsBothWithPricesAndLinks()
    {
        var html = await RenderAsync(new Dictionary<string, object?> { ["Items"] = new[] { Basic, Course } });

        Assert.Contains("Showing 2 of 2 products", html, StringComparison.Ordinal);
        Assert.Contains("href=\"products/basic-plan\"", html, StringComparison.Ordinal);
        Assert.Contains("$30.00 / month", html, StringComparison.Ordinal);
        Assert.Contains("$49.00", html, StringComparison.Ordinal);
        Assert.Contains("src=\"assets/images/plan-basic.svg\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WithoutAFilter_AllIsTheCurrentChoice()
    {
        var html = await RenderAsync(new Dictionary<string, object?> { ["Items"] = new[] { Basic } });

        Assert.Contains("<a class=\"chip selected\" href=\"./\" aria-current=\"page\">All</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PlansFilter_ShowsOnlyPlans_AndLinksTheOtherChoices()
    {
        var html = await RenderAsync(new Dictionary<string, object?> { ["Items"] = new[] { Basic, Course }, ["Filter"] = ProductKind.Subscription });

        Assert.Contains("Showing 1 of 2 products", html, StringComparison.Ordinal);
        Assert.DoesNotContain("products/starter-course", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"chip selected\" href=\"?show=plans\" aria-current=\"page\">Plans</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"chip\" href=\"?show=one-time\">One-time</a>", html, StringComparison.Ordinal);
    }

    private static async Task<string> RenderAsync(Dictionary<string, object?> parameters)
    {
        await using var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<CatalogBrowser>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }
}
