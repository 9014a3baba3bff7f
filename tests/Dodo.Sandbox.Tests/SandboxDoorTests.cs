using System.Net;
using Dodo.Payments;
using Dodo.Payments.Models;

namespace Dodo.Sandbox.Tests;

/// <summary>The sandbox's own doors: a console behind its key with antiforgery, Dodo's URL rules, unframeable pages.</summary>
[Collection(SandboxCollection.Name)]
public sealed class SandboxDoorTests(SandboxHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Console_WithoutTheKey_ShowsOnlyTheKeyForm()
    {
        await Shopper.BuyAsync(host, SandboxHost.Addon);

        var html = await Person().GetStringAsync(new Uri("sandbox/dodo/console", UriKind.Relative), Ct);

        Assert.Contains("Enter the sandbox's API key", html, StringComparison.Ordinal);
        Assert.DoesNotContain("pay_", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sandbox/dodo/console/advance")]
    [InlineData("sandbox/dodo/console/advance-to-renewal")]
    public async Task AdvanceClock_AnonymousPost_IsRefusedAndTheClockStays(string path)
    {
        var before = host.Services.GetRequiredService<SandboxClock>().Offset;

        using var response = await Person().PostAsync(new Uri(path, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["days"] = "30" }), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, host.Services.GetRequiredService<SandboxClock>().Offset);
    }

    [Fact]
    public async Task Console_WrongKey_IsRefused_RightKeyOpensItAndItsFormsNeedTheirToken()
    {
        var person = Person();
        var keyForm = await person.GetStringAsync(new Uri("sandbox/dodo/console", UriKind.Relative), Ct);

        using var wrong = await ConsoleForm.PostAsync(person, "sandbox/dodo/console/key", keyForm, new() { ["api_key"] = "sk_guess" });
        using var right = await ConsoleForm.PostAsync(person, "sandbox/dodo/console/key", keyForm, new() { ["api_key"] = SandboxOptions.DevelopmentApiKey });
        var console = await person.GetStringAsync(new Uri("sandbox/dodo/console", UriKind.Relative), Ct);
        using var withoutToken = await person.PostAsync(new Uri("sandbox/dodo/console/advance", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["days"] = "1" }), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("Advance clock", console, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
    }

    [Theory]
    [InlineData("return_url", "javascript:alert(document.domain)")]
    [InlineData("return_url", "data:text/html,<script>alert(1)</script>")]
    [InlineData("return_url", "/orders/1")]
    [InlineData("cancel_url", "javascript:alert(1)")]
    public async Task CreateCheckout_NonWebRedirectUrl_Is422AndCreatesNothing(string field, string url)
    {
        var request = new CheckoutSessionRequest
        {
            ProductCart = [new ProductCartItem { ProductId = SandboxHost.Addon, Quantity = 1 }],
            ReturnUrl = field == "return_url" ? url : "https://shop.example/return",
            CancelUrl = field == "cancel_url" ? url : null,
        };

        var refused = await Assert.ThrowsAsync<DodoApiException>(() => host.Client.CreateCheckoutSessionAsync(request, Ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("INVALID_REQUEST_BODY", refused.Code);
        Assert.Contains(field, refused.DodoMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostedPages_CannotBeFramed()
    {
        var session = await host.Client.CreateCheckoutSessionAsync(new CheckoutSessionRequest
        {
            ProductCart = [new ProductCartItem { ProductId = SandboxHost.Addon, Quantity = 1 }],
            ReturnUrl = "https://shop.example/return",
        }, Ct);

        using var checkout = await host.Browser.GetAsync(new Uri(session.CheckoutUrl!), Ct);
        using var console = await host.Browser.GetAsync(new Uri("sandbox/dodo/console", UriKind.Relative), Ct);

        foreach (var page in new[] { checkout, console })
        {
            Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    private HttpClient Person() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = host.Address,
    };
}
