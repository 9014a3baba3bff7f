using System.Net;
using Storefront.Testing;

namespace Storefront.Web.Tests;

public sealed class StorefrontShellTests(StorefrontShellTests.App app) : IClassFixture<StorefrontShellTests.App>
{
    public sealed class App : StorefrontAppFactory;

    [Fact]
    public async Task GetHome_SeededDevelopmentStore_ListsEveryCatalogProductWithItsPrice()
    {
        var client = StoreClient.Create(app);

        var html = await client.Http.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("Basic plan", html, StringComparison.Ordinal);
        Assert.Contains("$30.00 / month", html, StringComparison.Ordinal);
        Assert.Contains("Pro plan", html, StringComparison.Ordinal);
        Assert.Contains("$80.00 / month", html, StringComparison.Ordinal);
        foreach (var name in new[] { "Starter course", "Complete bundle", "Single license", "Team license", "Premium add-on", "The Upsell Playbook (e-book)" })
        {
            Assert.Contains(name, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetBlazorScript_FreshBuild_IsServedAsJavaScript()
    {
        var client = StoreClient.Create(app);

        using var response = await client.Http.GetAsync(new Uri("/_framework/blazor.web.js", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length > 10_000);
    }

    [Fact]
    public async Task GetStoreStylesheet_FromWwwrootAssets_ReturnsTheFileBytes()
    {
        var client = StoreClient.Create(app);
        var expected = await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot.Path, "wwwroot-assets", "css", "store.css"), TestContext.Current.CancellationToken);

        var served = await client.Http.GetByteArrayAsync(new Uri("/assets/css/store.css", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(expected, served);
    }

    [Fact]
    public async Task GetProductPage_UnknownProduct_Returns404()
    {
        var client = StoreClient.Create(app);

        using var response = await client.Http.GetAsync(new Uri("/products/no-such-thing", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetProductPage_KnownProduct_ShowsWhatTheBuyerGets()
    {
        var client = StoreClient.Create(app);

        var html = await client.Http.GetStringAsync(new Uri("/products/pro-plan", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("Post-purchase upsells", html, StringComparison.Ordinal);
        Assert.Contains("$80.00 / month", html, StringComparison.Ordinal);
    }
}
