using System.Text.RegularExpressions;
using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storefront.E2ETests.Pages;
using Storefront.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>One product, one purchase: the same add-on clicked in two tabs (order page and product page) is charged once.</summary>
[Collection(PurchaseBrowserCollection.Name)]
public sealed class OnePurchaseFlowTests(BrowserSession session) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task SameProductInTwoTabs_BothClicked_IsChargedOnce()
    {
        var (orderTab, email) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(orderTab, "starter-course");
        var productTab = await orderTab.Context.NewPageAsync();
        var product = new ProductPage(productTab);
        await product.OpenAsync("starter-course");
        await product.WaitInteractiveAsync();

        var onOrder = orderTab.GetByRole(AriaRole.Region, new() { Name = "Readers also bought" });
        var onProduct = product.CrossSells.GetByRole(AriaRole.Region, new() { Name = "Readers also bought" });
        // The order page adds to the order; the product page, which has none, buys.
        await Expect(onOrder.GetByRole(AriaRole.Button, new() { NameRegex = new("^Add to my order") })).ToBeVisibleAsync();
        await Expect(onProduct.GetByRole(AriaRole.Button, new() { NameRegex = new("^Buy now") })).ToBeVisibleAsync();
        await Task.WhenAll(
            onOrder.GetByRole(AriaRole.Button, new() { NameRegex = new("^Add to my order") }).ClickAsync(),
            onProduct.GetByRole(AriaRole.Button, new() { NameRegex = new("^Buy now") }).ClickAsync());

        await Expect(onProduct).ToContainTextAsync("is yours", new() { Timeout = 15_000 });
        // Whichever click won, both pages tell the same one charge: added to the order, or bought on its own.
        await Expect(onOrder).ToContainTextAsync(new Regex(@"(was added to your order|is yours): \$12\.00 charged"), new() { Timeout = 15_000 });
        Assert.Equal(1, await EbookChargesAsync(email));
    }

    private async Task<int> EbookChargesAsync(string email)
    {
        await using var db = await session.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync();
        var customerId = (await db.Users.AsNoTracking().SingleAsync(u => u.Email == email)).DodoCustomerId!;
        var dodo = session.Get<DodoClient>();
        var count = 0;
        foreach (var payment in (await dodo.ListPaymentsAsync(new PaymentListQuery { CustomerId = customerId, PageSize = 100 }, CancellationToken.None)).Items)
        {
            var full = await dodo.GetPaymentAsync(payment.PaymentId, CancellationToken.None);
            count += full.ProductCart?.Count(line => line.ProductId == "pdt_4Eb8Hn3Wq6Zr2Lx9Kd5Mv") ?? 0;
        }

        return count;
    }
}
