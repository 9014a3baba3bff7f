using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain.Offers;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Features.Admin.Rules;

namespace Storefront.Web.Tests;

/// <summary>Anonymous catalog and product pages come from the output cache; nothing personal or stale is served from it.</summary>
public sealed class CatalogPagesCacheTests(CatalogPagesCacheTests.App app) : IClassFixture<CatalogPagesCacheTests.App>
{
    public sealed class App : StorefrontAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnonymousCatalog_RepeatRequest_IsServedFromTheCache_WithoutACookie()
    {
        using var client = app.CreateClient();

        using var first = await client.GetAsync(new Uri("/?show=one-time", UriKind.Relative), Ct);
        using var second = await client.GetAsync(new Uri("/?show=one-time", UriKind.Relative), Ct);

        Assert.False(first.Headers.Contains("Set-Cookie"), "An anonymous catalog page needs no antiforgery cookie.");
        Assert.True(second.Headers.Contains("Age"), "The second request should come from the output cache.");
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task CatalogFilters_AreCachedSeparately()
    {
        using var client = app.CreateClient();

        var plans = await client.GetStringAsync(new Uri("/?show=plans", UriKind.Relative), Ct);
        var all = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.Contains("Showing 4 of", plans, StringComparison.Ordinal); // Basic, Studio, Pro and Pro yearly
        Assert.DoesNotContain("Showing 4 of", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedInCustomer_NeverGetsTheCachedAnonymousPage()
    {
        using var anonymous = app.CreateClient();
        await anonymous.GetStringAsync(new Uri("/products/pro-plan", UriKind.Relative), Ct);
        var customer = StoreClient.Create(app);
        using var _ = await customer.SignInAsync("customer@storefront.test", "customer-demo-pass");

        using var page = await customer.Http.GetAsync(new Uri("/products/pro-plan", UriKind.Relative), Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);

        Assert.False(page.Headers.Contains("Age"), "A signed-in page must never come from the cache.");
        Assert.Contains("Sign out", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in to buy", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavingAnUpsellMap_EvictsTheCachedProductPages()
    {
        using var client = app.CreateClient();
        var before = await client.GetStringAsync(new Uri("/products/complete-bundle", UriKind.Relative), Ct);
        Assert.Contains("Readers also bought", before, StringComparison.Ordinal);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
            var rule = await db.UpsellRules.AsNoTracking().SingleAsync(r => r.Kind == OfferKind.CrossSell && r.TriggerProductId == "complete-bundle", Ct);
            var form = UpsellRuleForm.From(rule);
            form.Headline = "Finish the set";
            var (id, errors) = await scope.ServiceProvider.GetRequiredService<UpsellRuleAdmin>().SaveAsync(form, "admin@storefront.test", Ct);
            Assert.Empty(errors);
        }

        var after = await client.GetStringAsync(new Uri("/products/complete-bundle", UriKind.Relative), Ct);
        Assert.Contains("Finish the set", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_StillIssuesTheAntiforgeryCookie()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });

        using var page = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative), Ct);

        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
