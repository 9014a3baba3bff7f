using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Features.Api;
using Storefront.Web.Features.Orders;

namespace Storefront.Web.Tests;

/// <summary>Requests an attacker would send, refused: foreign origins, forged hosts, framing, bad bodies.</summary>
[Collection(LiveStoreCollection.Name)]
public sealed class WebAttackTests(LiveStore store)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accept_CookieRequestFromAnotherSite_Is403AndChargesNothing_FromTheStoreItIsAccepted()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("starter-course");
        var customerId = await shopper.DodoCustomerIdAsync();
        var offer = (await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct))!.Offer!;

        using var fromEvil = Accept(customerId, offer.AttemptId, origin: "https://evil.example");
        using var crossSite = Accept(customerId, offer.AttemptId, fetchSite: "cross-site");
        var refusedOrigin = await shopper.Http.SendAsync(fromEvil, Ct);
        var refusedFetch = await shopper.Http.SendAsync(crossSite, Ct);
        var paymentsAfterRefusals = await PaymentsAsync(customerId);
        using var fromStore = Accept(customerId, offer.AttemptId, origin: store.BaseUrl.GetLeftPart(UriPartial.Authority));
        var accepted = await shopper.Http.SendAsync(fromStore, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refusedOrigin.StatusCode);
        Assert.Equal("application/problem+json", refusedOrigin.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, refusedFetch.StatusCode);
        Assert.Single(paymentsAfterRefusals); // only the purchase itself
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task BlazorHub_ForeignOrigin_Is403_OwnOriginNegotiates()
    {
        using var client = store.Client();

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "_blazor/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", "https://evil.example");
        using var own = new HttpRequestMessage(HttpMethod.Post, "_blazor/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", store.BaseUrl.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(foreign, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(own, Ct)).StatusCode);
    }

    [Fact]
    public async Task EveryPage_CarriesTheSecurityHeaders()
    {
        using var response = await store.Client().GetAsync(new Uri("/", UriKind.Relative), Ct);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckoutLinks_UsePublicBaseUrl_NotTheRequestsHost()
    {
        await using var app = new StorefrontAppFactory().WithSetting("Store:PublicBaseUrl", "https://shop.example/");
        var baseUrl = app.StartOnLoopback();
        var shopper = await NewShopperAsync(app);
        await using var scope = app.Services.CreateAsyncScope();

        var checkoutUrl = await scope.ServiceProvider.GetRequiredService<CheckoutService>()
            .StartAsync(shopper, "starter-course", new Uri("http://evil.example/"), OrderKind.Purchase, null, Ct);
        var page = await new HttpClient { BaseAddress = baseUrl }.GetStringAsync(checkoutUrl, Ct);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<Storefront.Web.Data.StorefrontDbContext>>().CreateDbContextAsync(Ct);
        var order = await db.Orders.SingleAsync(o => o.UserId == shopper, Ct);
        var sandbox = await app.Services.GetRequiredService<IDbContextFactory<Dodo.Sandbox.Data.SandboxDbContext>>().CreateDbContextAsync(Ct);
        var session = await sandbox.CheckoutSessions.SingleAsync(s => s.Id == order.CheckoutSessionId, Ct);

        Assert.Contains("Checkout", page, StringComparison.Ordinal);
        Assert.Contains($"\"return_url\":\"https://shop.example/orders/{order.Id}\"", session.RequestJson, StringComparison.Ordinal);
        Assert.Contains("\"cancel_url\":\"https://shop.example/products/starter-course\"", session.RequestJson, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", session.RequestJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverHttps_CookiesAreSecure()
    {
        await using var app = new StorefrontAppFactory();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative), Ct);

        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ForwardedProto_FromAConfiguredProxyOnly_MakesCookiesSecure()
    {
        await using var trusting = new StorefrontAppFactory().WithSetting("ReverseProxy:KnownProxies:0", "127.0.0.1");
        var trustedUrl = trusting.StartOnLoopback();

        var viaProxy = await LoginCookiesAsync(trustedUrl, forwardedProto: "https");
        var spoofed = await LoginCookiesAsync(store.BaseUrl, forwardedProto: "https");

        Assert.All(viaProxy, cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.All(spoofed, cookie => Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ApiError_IsProblemDetails()
    {
        var shopper = await store.NewCustomerAsync();

        using var response = await shopper.Http.PostAsJsonAsync($"api/upsell/{shopper.UserId}/accept", new { }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"code\":\"invalid_request\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WebhookWithBrokenChunkedBody_Is400NotA500()
    {
        await using var production = new StorefrontAppFactory().AsProduction();
        var address = StartProductionOnLoopback(production);

        var status = await RawPostAsync(address, "/webhooks/dodo", "Transfer-Encoding: chunked", "zz\r\nnot a chunk\r\n");

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task Production_WebhookBodySlowerThanTheMinimumRate_Is408NotA500()
    {
        await using var production = new StorefrontAppFactory().AsProduction();
        var address = StartProductionOnLoopback(production);

        var status = await RawPostAsync(address, "/webhooks/dodo", "Content-Length: 5000", "{");

        Assert.Equal(408, status);
    }

    /// <summary>Kestrel on loopback with a strict minimum body rate (100 B/s after 2 s), as Production behind the public host.</summary>
    private static Uri StartProductionOnLoopback(StorefrontAppFactory app)
    {
        app.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(100, TimeSpan.FromSeconds(2));
        });
        app.StartServer();
        return new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());
    }

    private static HttpRequestMessage Accept(string customerId, Guid attemptId, string? origin = null, string? fetchSite = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/upsell/{customerId}/accept") { Content = JsonContent.Create(new { attemptId }) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return request;
    }

    private async Task<List<PaymentListItem>> PaymentsAsync(string customerId) =>
        (await store.Get<DodoClient>().ListPaymentsAsync(new PaymentListQuery { CustomerId = customerId, PageSize = 100 }, Ct)).Items.ToList();

    private static async Task<string> NewShopperAsync(StorefrontAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
        var email = $"address-{Guid.NewGuid():N}@storefront.test";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Shopper.Password)).Succeeded);
        return user.Id;
    }

    private static async Task<List<string>> LoginCookiesAsync(Uri baseUrl, string forwardedProto)
    {
        using var client = new HttpClient { BaseAddress = baseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "Account/Login");
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await client.SendAsync(request, Ct);
        return response.Headers.GetValues("Set-Cookie").ToList();
    }

    /// <summary>A POST written on a raw socket, so the body can be malformed or sent too slowly. Returns the status code.</summary>
    private static async Task<int> RawPostAsync(Uri baseUrl, string path, string lengthHeader, string sentBody)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(baseUrl.Host, baseUrl.Port, Ct);
        var stream = socket.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: shop.example\r\nContent-Type: application/json\r\n{lengthHeader}\r\n" +
            "webhook-id: msg_raw\r\nwebhook-timestamp: 0\r\nwebhook-signature: v1,x\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + sentBody), Ct);

        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        var statusLine = await reader.ReadLineAsync(limit.Token) ?? "";
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
