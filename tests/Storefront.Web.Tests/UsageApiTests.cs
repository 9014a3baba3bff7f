using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Web.Features.Admin.Usage;
using Storefront.Web.Features.Usage;

namespace Storefront.Web.Tests;

/// <summary>The merchant's app reports usage with an API key; reaching a rule's threshold puts the upgrade on the customer's pages.</summary>
[Collection(LiveStoreCollection.Name)]
public sealed class UsageApiTests(LiveStore store)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reports_NeedAValidUnrevokedKey_AndCheckTheirFields()
    {
        var shopper = await store.NewCustomerAsync();
        await using var scope = store.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeys>();
        var key = await keys.CreateAsync("Test app", "admin@storefront.test", Ct);

        Assert.Equal(HttpStatusCode.Accepted, await ReportAsync(key, new { customerEmail = shopper.Email, metric = "projects", used = 2, limit = 5 }));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReportAsync(null, new { customerEmail = shopper.Email, metric = "projects", used = 2, limit = 5 }));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReportAsync(key + "x", new { customerEmail = shopper.Email, metric = "projects", used = 2, limit = 5 }));
        Assert.Equal(HttpStatusCode.BadRequest, await ReportAsync(key, new { customerEmail = shopper.Email, metric = "Projects!", used = 2, limit = 5 }));
        Assert.Equal(HttpStatusCode.BadRequest, await ReportAsync(key, new { customerEmail = shopper.Email, metric = "projects", used = 2, limit = 0 }));
        Assert.Equal(HttpStatusCode.NotFound, await ReportAsync(key, new { customerEmail = "nobody@storefront.test", metric = "projects", used = 2, limit = 5 }));

        var id = (await keys.ListAsync(Ct)).Single(k => key.StartsWith(k.Prefix, StringComparison.Ordinal) && k.RevokedAt == null).Id;
        await keys.RevokeAsync(id, "admin@storefront.test", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, await ReportAsync(key, new { customerEmail = shopper.Email, metric = "projects", used = 3, limit = 5 }));

        await using var db = await store.Get<IDbContextFactory<Storefront.Web.Data.StorefrontDbContext>>().CreateDbContextAsync(Ct);
        var report = await db.UsageReports.SingleAsync(r => r.UserId == shopper.UserId, Ct);
        Assert.Equal((2, 5), (report.Used, report.Limit)); // nothing after the refusals was kept
    }

    [Fact]
    public async Task AtTheThreshold_TheCustomersPagesSuggestTheUpgrade_BelowIt_TheyDoNot()
    {
        await using var scope = store.Services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<ApiKeys>().CreateAsync("Test app", "admin@storefront.test", Ct);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UsageRuleAdmin>()
            .AddAsync("basic-plan", "pro-plan", "seats", 80, "Your team is almost full", "admin@storefront.test", Ct));
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("basic-plan");
        await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId, Ct),
            s => s.Status == Dodo.Payments.Models.SubscriptionStatus.Active, "the subscription");

        await ReportAsync(key, new { customerEmail = shopper.Email, metric = "seats", used = 3, limit = 5 });
        Assert.DoesNotContain("Your team is almost full", await shopper.Http.GetStringAsync(new Uri("", UriKind.Relative), Ct), StringComparison.Ordinal);

        await ReportAsync(key, new { customerEmail = shopper.Email, metric = "seats", used = 4, limit = 5 });
        var page = await shopper.Http.GetStringAsync(new Uri("", UriKind.Relative), Ct);
        Assert.Contains("Your team is almost full", page, StringComparison.Ordinal);
        Assert.Contains("You use 4 of your 5 seats", page, StringComparison.Ordinal);
        Assert.Contains("href=\"account/subscription?plan=pro-plan\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_ARuleThatIsNotAnUpgrade_IsRefused()
    {
        await using var scope = store.Services.CreateAsyncScope();

        var problem = await scope.ServiceProvider.GetRequiredService<UsageRuleAdmin>()
            .AddAsync("pro-plan", "basic-plan", "seats", 80, "Downgrade?", "admin@storefront.test", Ct);

        Assert.Equal("Offer a plan that costs more, in the same currency: this is an upgrade.", problem);
    }

    private async Task<HttpStatusCode> ReportAsync(string? key, object body)
    {
        using var client = store.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(store.BaseUrl, "api/usage")) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
