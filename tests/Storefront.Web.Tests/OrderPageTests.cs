using System.Net;

namespace Storefront.Web.Tests;

[Collection(LiveStoreCollection.Name)]
public sealed class OrderPageTests(LiveStore store)
{
    [Fact]
    public async Task OrderPage_SomeoneElsesOrder_ShowsNothingOfIt()
    {
        var owner = await store.NewCustomerAsync();
        var order = await owner.BuyAsync("starter-course");
        var other = await store.NewCustomerAsync();

        var html = await other.Http.GetStringAsync(new Uri($"orders/{order.Id}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("We couldn't find that order", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Starter course", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderPage_Anonymous_IsSentToSignIn()
    {
        var owner = await store.NewCustomerAsync();
        var order = await owner.BuyAsync("starter-course");

        using var response = await store.Client().GetAsync(new Uri($"orders/{order.Id}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
