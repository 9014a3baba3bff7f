using Storefront.Web.Data;
using Microsoft.EntityFrameworkCore;
using System.Text.RegularExpressions;
using Dodo.Sandbox.Control;
using Microsoft.Playwright;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>The customer flows, clicked through in Chromium against the store running on the sandbox Dodo.</summary>
[Collection(PurchaseBrowserCollection.Name)]
public sealed class CustomerFlowTests(BrowserSession session) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task FirstPurchase_PaidOnDodoCheckout_OrderTurnsPaidLiveAndAppearsInTheLibrary()
    {
        var (page, _) = await session.NewCustomerAsync();
        var product = new ProductPage(page);
        await product.OpenAsync("starter-course");
        session.Get<SandboxControls>().HoldDeliveries = true;

        await product.BuyAsync();
        await new DodoCheckoutPage(page).PayAsync();

        var order = new OrderPage(page);
        await Expect(page).ToHaveURLAsync(new Regex("/orders/"));
        await Expect(order.Status).ToHaveTextAsync("Waiting for payment confirmation…");
        await page.Locator("[data-interactive=true]").First.WaitForAsync();
        session.Get<SandboxControls>().HoldDeliveries = false;
        await Expect(order.Status).ToHaveTextAsync("Paid", new() { Timeout = 15_000 });

        await page.GetByRole(AriaRole.Link, new() { Name = "your account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Library and licenses" })).ToContainTextAsync("Starter course");
    }

    [Fact]
    public async Task PostPurchaseUpsell_AddToMyOrder_ChargesTheSavedCardOnceAndConfirms()
    {
        var (page, _) = await session.NewCustomerAsync();
        await BuyAsync(page, "starter-course");
        var offer = new OrderPage(page).Offer("Get the Complete bundle");

        await Expect(offer).ToContainTextAsync("you pay the difference");
        await Expect(offer).ToContainTextAsync("Best value");
        await Expect(offer).ToContainTextAsync("VISA •••• 4242, expires 06/32");
        await Expect(offer).ToContainTextAsync("12 advanced lessons");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Add to my order — $100.00" }).ClickAsync();

        // What the button said is what Dodo charged.
        await Expect(offer).ToContainTextAsync("Complete bundle was added to your order: $100.00 charged to your card", new() { Timeout = 15_000 });
        var summary = page.GetByRole(AriaRole.Table, new() { Name = "What you bought" });
        await Expect(summary).ToContainTextAsync("Complete bundle");
        await Expect(page.GetByTestId("order-total")).ToHaveTextAsync("$149.00"); // $49 + $100, what was actually charged
        await page.GotoAsync("account");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Library and licenses" })).ToContainTextAsync("Complete bundle");
    }

    [Fact]
    public async Task PostPurchaseUpsell_CardNeedsTheBank_CustomerConfirmsThere_AndReturnsToTheAddedItem()
    {
        var (page, _) = await session.NewCustomerAsync();
        await BuyAsync(page, "starter-course", "4000 0025 0000 3155", bankConfirms: true);
        var offer = new OrderPage(page).Offer("Get the Complete bundle");

        await offer.GetByRole(AriaRole.Button, new() { Name = "Add to my order — $100.00" }).ClickAsync();
        await new DodoCheckoutPage(page).ConfirmWithBankAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/orders/"));
        await Expect(new OrderPage(page).Offer("Get the Complete bundle"))
            .ToContainTextAsync("Complete bundle was added to your order: $100.00 charged to your card", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task MyAccount_SavedCard_CanBeRemoved_AndTheNextOfferAsksForACard()
    {
        var (page, _) = await session.NewCustomerAsync();
        await BuyAsync(page, "starter-course");
        await page.GotoAsync("account");
        var cards = page.GetByRole(AriaRole.Region, new() { Name = "Saved cards" });
        await Expect(cards).ToContainTextAsync("VISA •••• 4242 · expires 06/32");
        await page.Locator("[data-interactive=true]").First.WaitForAsync();

        await cards.GetByRole(AriaRole.Button, new() { Name = "Remove VISA •••• 4242" }).ClickAsync();

        await Expect(cards.GetByRole(AriaRole.Status)).ToContainTextAsync("The card was removed.");
        await Expect(cards).ToContainTextAsync("No saved cards.");
        await page.GotoAsync("products/starter-course");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pay with a card" }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DeclinedCardThenAGoodOne_OnDodosPage_TheOrderPageNeverSaysFailed()
    {
        var (page, email) = await session.NewCustomerAsync();
        var product = new ProductPage(page);
        await product.OpenAsync("starter-course");
        await product.BuyAsync();
        var checkout = new DodoCheckoutPage(page);
        await checkout.PayAsync("4000 0000 0000 0002");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("declined");
        await Storefront.Testing.Wait.UntilAsync(async () =>
        {
            await using var db = await session.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
            return await db.Orders.AnyAsync(o => o.Status == Storefront.Web.Features.Orders.OrderStatus.Failed
                && db.Users.Any(u => u.Id == o.UserId && u.Email == email), TestContext.Current.CancellationToken);
        }, "the declined payment to fail the order");

        // The good card's webhook is held back: the page must not show the first card's failure meanwhile.
        var controls = session.Get<Dodo.Sandbox.Control.SandboxControls>();
        controls.HoldDeliveries = true;
        try
        {
            await checkout.PayAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/orders/"));
            await page.Locator("[data-interactive=true]").First.WaitForAsync();
            await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Waiting for payment confirmation…");
        }
        finally
        {
            controls.HoldDeliveries = false;
        }

        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Paid", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task Downsell_DeclinedOfferShowsTheCheaperOneOnce_DecliningAgainEndsIt()
    {
        var (page, _) = await session.NewCustomerAsync();
        var orderUrl = await BuyAsync(page, "single-license");
        var order = new OrderPage(page);

        await order.Offer("Bring your whole team").GetByRole(AriaRole.Button, new() { Name = "No thanks" }).ClickAsync();
        var downsell = order.Offer("Make your license go further");
        await Expect(downsell).ToContainTextAsync("$19.00");
        await downsell.GetByRole(AriaRole.Button, new() { Name = "No thanks" }).ClickAsync();

        await Expect(downsell).ToHaveCountAsync(0);
        await page.GotoAsync(orderUrl);
        await page.Locator("[data-interactive=true]").First.WaitForAsync();
        await Expect(order.Offer("Bring your whole team")).ToHaveCountAsync(0);
        await Expect(order.Offer("Make your license go further")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task CrossSell_OnAProductPage_IsBoughtWithOneClickOnTheSavedCard()
    {
        var (page, _) = await session.NewCustomerAsync();
        await BuyAsync(page, "single-license");
        var product = new ProductPage(page);
        await product.OpenAsync("basic-plan");
        await product.WaitInteractiveAsync();

        var card = product.CrossSells.GetByRole(AriaRole.Region, new() { Name = "Pairs well: Premium add-on" });
        // A product page has no order to add to: the button and the result say so.
        await card.GetByRole(AriaRole.Button, new() { Name = "Buy now — $19.00" }).ClickAsync();

        await Expect(card).ToContainTextAsync("Premium add-on is yours: $19.00 charged to your card", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task CrossSell_WithoutASavedCard_FallsBackToDodoCheckout()
    {
        var (page, _) = await session.NewCustomerAsync();
        var product = new ProductPage(page);
        await product.OpenAsync("starter-course");
        await product.WaitInteractiveAsync();

        var card = product.CrossSells.GetByRole(AriaRole.Region, new() { Name = "Readers also bought" });
        await card.GetByRole(AriaRole.Button, new() { Name = "Pay with a card" }).ClickAsync();
        await new DodoCheckoutPage(page).PayAsync();

        await new OrderPage(page).WaitPaidAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "The Upsell Playbook (e-book)" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SavedCardFailsLater_OneClickShowsAClearMessage_OffersAnotherCard()
    {
        var (page, _) = await session.NewCustomerAsync();
        await BuyAsync(page, "starter-course", "4000 0000 0000 0341");
        var offer = new OrderPage(page).Offer("Get the Complete bundle");

        await offer.GetByRole(AriaRole.Button, new() { Name = "Add to my order" }).ClickAsync();

        await Expect(offer).ToContainTextAsync("We couldn't charge your saved card.", new() { Timeout = 15_000 });
        await Expect(offer).ToContainTextAsync("Paying with another card saves it for your next one-click purchase.");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Pay with another card" }).ClickAsync();
        await new DodoCheckoutPage(page).PayAsync();
        await new OrderPage(page).WaitPaidAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Complete bundle" })).ToBeVisibleAsync();
    }

    internal static async Task<string> BuyAsync(IPage page, string productId, string card = "4242 4242 4242 4242", bool bankConfirms = false)
    {
        var product = new ProductPage(page);
        await product.OpenAsync(productId);
        await product.BuyAsync();
        await new DodoCheckoutPage(page).PayAsync(card);
        if (bankConfirms)
        {
            await new DodoCheckoutPage(page).ConfirmWithBankAsync();
        }

        await new OrderPage(page).WaitPaidAsync();
        return page.Url;
    }
}
