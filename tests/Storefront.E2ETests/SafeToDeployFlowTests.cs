using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storefront.Web.Data;
using Storefront.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>Account flows through the email a customer really receives, and a hostile page refused, in Chromium.</summary>
[Collection(PurchaseBrowserCollection.Name)]
public sealed class SafeToDeployFlowTests(BrowserSession session) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task ForgotPassword_LinkFromTheDeliveredEmail_SetsANewPasswordThatSignsIn()
    {
        var (page, email) = await session.NewCustomerAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("Account/Login");

        await new ForgotPasswordPage(page).RequestLinkAsync(email);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Check your inbox");
        var mail = await session.Mail.WaitForAsync(m => m.To.Contains(email, StringComparison.Ordinal) && m.Subject == "Reset your password", "the reset email");
        await page.GotoAsync(mail.Link.ToString());
        await new ResetPasswordPage(page).ChooseAsync(email, "a brand new passphrase");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your password has been changed");
        await new SignInPage(page).SignInAsync(email, BrowserSession.CustomerPassword);
        await Expect(page.GetByText("Invalid email or password.")).ToBeVisibleAsync();
        await new SignInPage(page).SignInAsync(email, "a brand new passphrase");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "My account" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Register_ConfirmThroughTheDeliveredEmail_ThenSignIn()
    {
        var page = await session.NewPageAsync();
        var email = $"new-{Guid.NewGuid():N}@storefront.test";

        await new RegisterPage(page).RegisterAsync("New Customer", email, "a long enough passphrase");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"We've sent an email to {email}");
        var mail = await session.Mail.WaitForAsync(m => m.To.Contains(email, StringComparison.Ordinal), "the confirmation email");
        await page.GotoAsync(mail.Link.ToString());
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your email address is confirmed");
        await new SignInPage(page).SignInAsync(email, "a long enough passphrase");

        await page.GetByRole(AriaRole.Link, new() { Name = "My account" }).ClickAsync();
        await Expect(page.GetByText(email)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task HostilePage_CannotAcceptAnOfferOrOpenACircuitAsTheCustomer()
    {
        var (page, email) = await session.NewCustomerAsync();
        await CustomerFlowTests.BuyAsync(page, "starter-course");
        await Expect(new OrderPage(page).Offer("Get the Complete bundle")).ToBeVisibleAsync();
        var (userId, customerId, attemptId) = await OpenOfferAsync(email);
        var store = session.BaseUrl.GetLeftPart(UriPartial.Authority);
        var paymentsBefore = await PaymentCountAsync(customerId);

        // A page of another origin (a second server on this machine), in the browser the customer is signed in with.
        await using var hostile = await HostilePageAsync();
        await page.GotoAsync(hostile.Urls.First() + "/prize");
        var accept = await page.RunAndWaitForResponseAsync(
            () => page.EvaluateAsync($"() => fetch('{store}/api/upsell/{userId}/accept', {{ method: 'POST', mode: 'no-cors', credentials: 'include', headers: {{ 'Content-Type': 'text/plain' }}, body: JSON.stringify({{ attemptId: '{attemptId}' }}) }}).catch(e => String(e))"),
            response => response.Url.Contains("/accept", StringComparison.Ordinal));
        var negotiate = await page.RunAndWaitForResponseAsync(
            () => page.EvaluateAsync($"() => fetch('{store}/_blazor/negotiate?negotiateVersion=1', {{ method: 'POST', mode: 'no-cors', credentials: 'include' }}).catch(e => String(e))"),
            response => response.Url.Contains("/_blazor/negotiate", StringComparison.Ordinal));

        Assert.Equal(403, accept.Status);
        Assert.Equal(403, negotiate.Status);
        Assert.Equal(paymentsBefore, await PaymentCountAsync(customerId));
    }

    [Fact]
    public async Task Pages_RunUnderTheContentSecurityPolicyWithoutViolations_AndSayItIsATestStore()
    {
        var (page, _) = await session.NewCustomerAsync();

        await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("Test store: no real payments");
        await CustomerFlowTests.BuyAsync(page, "starter-course");
        await Expect(new OrderPage(page).Offer("Get the Complete bundle")).ToBeVisibleAsync();
        await page.GotoAsync("account/subscription");
        await page.Locator("[data-interactive=true]").First.WaitForAsync();

        Assert.True(session.CspViolations.IsEmpty, string.Join("\n", session.CspViolations));
    }

    private static async Task<WebApplication> HostilePageAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        var hostile = builder.Build();
        hostile.MapGet("/prize", () => Results.Content("<!DOCTYPE html><h1>Win a prize</h1>", "text/html"));
        await hostile.StartAsync();
        return hostile;
    }

    private async Task<(string UserId, string CustomerId, Guid AttemptId)> OpenOfferAsync(string email)
    {
        await using var db = await session.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        var attempt = await db.OfferAttempts.AsNoTracking().SingleAsync(a => a.UserId == user.Id && a.Status == Storefront.Web.Features.Offers.OfferAttemptStatus.Shown
            && a.OfferProductId == "complete-bundle");
        return (user.Id, user.DodoCustomerId!, attempt.Id);
    }

    private async Task<int> PaymentCountAsync(string customerId)
    {
        var payments = await session.Get<DodoClient>().ListPaymentsAsync(new PaymentListQuery { CustomerId = customerId, PageSize = 100 }, CancellationToken.None);
        return payments.Items.Count;
    }
}
