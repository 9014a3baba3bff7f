using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Storefront.Testing;
using Storefront.Web.Features.Offers;

namespace Storefront.Web.Tests;

/// <summary>Each limit refuses the request after its allowance with 429 and Retry-After, and lets others through.</summary>
public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Registration_PastThePerIpLimit_Is429WithRetryAfter_AndCreatesNoAccount()
    {
        await using var app = Limited("RegistrationsPerIpPerHour", 2);
        var client = StoreClient.Create(app);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await RegisterAsync(client, $"flood-{i}-{Guid.NewGuid():N}@storefront.test")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        using var refused = await RegisterAsync(client, "one-more@storefront.test");
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Storefront.Web.Data.ApplicationUser>>()
            .FindByEmailAsync("one-more@storefront.test"));
    }

    [Fact]
    public async Task SignIn_SprayingManyAccountsFromOneIp_IsCutOffAtThePerIpLimit()
    {
        await using var app = Limited("SignInsPerIpPerMinute", 3);
        var client = StoreClient.Create(app);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.SignInAsync($"victim-{i}@storefront.test", "password1234");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task SignIn_OneAccountPastItsLimit_IsRefusedWithTheSameWordsKnownOrNot_OtherAccountsStillWork()
    {
        await using var app = Limited("SignInsPerAccountPerQuarterHour", 2);
        var client = StoreClient.Create(app);

        for (var i = 0; i < 2; i++)
        {
            using var _ = await client.SignInAsync("customer@storefront.test", "wrong-password");
            using var __ = await client.SignInAsync("nobody-here@storefront.test", "wrong-password");
        }

        using var known = await client.SignInAsync("customer@storefront.test", "customer-demo-pass");
        using var unknown = await client.SignInAsync("nobody-here@storefront.test", "customer-demo-pass");
        using var other = await StoreClient.Create(app).SignInAsync("admin@storefront.test", "admin-demo-pass");

        Assert.Equal(HttpStatusCode.TooManyRequests, known.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, unknown.StatusCode);
        Assert.Equal(Words(await known.Content.ReadAsStringAsync(Ct)), Words(await unknown.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task NewCircuits_PastThePerIpLimit_Are429()
    {
        await using var app = Limited("NewCircuitsPerIpPerMinute", 2);
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsync(new Uri("_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Webhooks_PastThePerIpBurst_Are429_WithRetryAfter()
    {
        await using var app = Limited("WebhooksPerIpPerSecond", 1); // a burst of 2
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsync(new Uri("webhooks/dodo", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(2));
    }

    [Fact]
    public async Task Accepts_PastThePerCustomerLimit_Are429WithRetryAfter_AndNothingMoreIsTried()
    {
        await using var store = new LimitedStore("AcceptsPerUserPerMinute", 2);
        await store.InitializeAsync();
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("starter-course");
        var customerId = await shopper.DodoCustomerIdAsync();
        var offer = (await shopper.Http.GetFromJsonAsync<Storefront.Web.Features.Api.UpsellOfferResponse>($"api/upsell/{customerId}", Ct))!.Offer!;

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId }, Ct);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter is not null);
        Assert.Contains("too_many_requests", await last.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var scope = store.Services.CreateAsyncScope();
        var viaCard = await scope.ServiceProvider.GetRequiredService<OfferAcceptance>().AcceptAsync(shopper.UserId, offer.AttemptId, 1, Ct);
        Assert.Equal(AcceptOutcome.TooManyRequests, viaCard.Outcome);
    }

    [Fact]
    public async Task ForgotPassword_PastThePerAccountLimit_AnswersTheSameButSendsNothingMore()
    {
        await using var app = new StorefrontAppFactory().WithSetting("RateLimits:EmailLinksPerAccountPerHour", "1");
        var client = StoreClient.Create(app);

        for (var i = 0; i < 3; i++)
        {
            var form = await client.Http.GetStringAsync(new Uri("/Account/ForgotPassword", UriKind.Relative), Ct);
            using var response = await client.PostFormAsync("/Account/ForgotPassword", form, new() { ["_handler"] = "forgot-password", ["Input.Email"] = "customer@storefront.test" });
            Assert.Contains("Check your inbox", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        await using var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Storefront.Web.Data.StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(1, db.EmailOutbox.Count(m => m.To == "customer@storefront.test" && m.Subject == "Reset your password"));
    }

    private sealed class LimitedStore(string limit, int value) : LiveStore(Limited(limit, value));

    private static StorefrontAppFactory Limited(string limit, int value) => new StorefrontAppFactory().WithSetting("RateLimits:" + limit, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<HttpResponseMessage> RegisterAsync(StoreClient client, string email)
    {
        var form = await client.Http.GetStringAsync(new Uri("/Account/Register", UriKind.Relative), Ct);
        return await client.PostFormAsync("/Account/Register", form, new()
        {
            ["_handler"] = "register", ["Input.Name"] = "Flood", ["Input.Email"] = email,
            ["Input.Password"] = "a long flood passphrase", ["Input.ConfirmPassword"] = "a long flood passphrase",
        });
    }

    /// <summary>The page's alert text, without the antiforgery token and the email typed (which differ by design).</summary>
    private static string Words(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "<div class=\"alert[^\"]*\" role=\"alert\">\\s*([^<]+)</div>").Groups[1].Value.Trim();
}
