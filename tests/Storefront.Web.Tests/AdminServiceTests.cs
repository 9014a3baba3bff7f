using Storefront.Domain;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain.Offers;
using Storefront.Web.Data;
using Storefront.Web.Features.Admin.Analytics;
using Storefront.Web.Features.Admin.DryRun;
using Storefront.Web.Features.Admin.Rules;
using Storefront.Web.Features.Catalog;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Tests;

[Collection(LiveStoreCollection.Name)]
public sealed class AdminServiceTests(LiveStore store)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveRule_Valid_IsStoredAndAudited_Invalid_SavesNothing()
    {
        await using var scope = store.Services.CreateAsyncScope();
        var rules = scope.ServiceProvider.GetRequiredService<UpsellRuleAdmin>();
        var before = (await rules.ListAsync(Ct)).Count;

        var (_, errors) = await rules.SaveAsync(new UpsellRuleForm
        {
            Kind = OfferKind.PostPurchaseUpsell, TriggerProductId = "team-license", OfferProductId = "team-license", Headline = "Same",
        }, "admin@storefront.test", Ct);
        Assert.Contains(errors, e => e.Field == nameof(UpsellRuleForm.OfferProductId));
        Assert.Equal(before, (await rules.ListAsync(Ct)).Count);

        var (id, none) = await rules.SaveAsync(new UpsellRuleForm
        {
            Kind = OfferKind.CrossSell, TriggerProductId = "team-license", OfferProductId = "premium-addon", Headline = "Theme your team",
        }, "admin@storefront.test", Ct);
        Assert.Empty(none);
        var audit = await rules.RecentChangesAsync(Ct);
        Assert.Contains(audit, a => a.EntityId == id!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "create"
            && a.Actor == "admin@storefront.test" && a.Before is null && a.After!.Contains("Theme your team", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CatalogSync_PriceChangedAtDodo_UpdatesTheStore()
    {
        await using var scope = store.Services.CreateAsyncScope();
        var sandbox = store.Get<IDbContextFactory<Dodo.Sandbox.Data.SandboxDbContext>>();
        await using (var db = await sandbox.CreateDbContextAsync(Ct))
        {
            await db.Products.Where(p => p.Id == "pdt_4Eb8Hn3Wq6Zr2Lx9Kd5Mv").ExecuteUpdateAsync(set => set.SetProperty(p => p.Price, 1500L), Ct);
        }

        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<CatalogSync>().SyncAsync(Ct);

            Assert.Contains("updated", result, StringComparison.Ordinal);
            await using var storeDb = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
            Assert.Equal(1500, (await storeDb.Products.SingleAsync(p => p.Id == "upsell-playbook-ebook", Ct)).PriceMinor);
        }
        finally
        {
            await using var db = await sandbox.CreateDbContextAsync(Ct);
            await db.Products.Where(p => p.Id == "pdt_4Eb8Hn3Wq6Zr2Lx9Kd5Mv").ExecuteUpdateAsync(set => set.SetProperty(p => p.Price, 1200L), Ct);
            await scope.ServiceProvider.GetRequiredService<CatalogSync>().SyncAsync(Ct);
        }
    }

    [Fact]
    public async Task Analytics_AcceptedOffer_CountsImpressionAcceptAndRevenueLessRefunds()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("single-license");
        await using var scope = store.Services.CreateAsyncScope();
        var order = await store.WaitForAsync(db => db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.UserId == shopper.UserId), o => o.Status == OrderStatus.Paid, "order");
        var offer = await scope.ServiceProvider.GetRequiredService<OfferService>().PostPurchaseOfferAsync(shopper.UserId, order.Id, Ct);
        await scope.ServiceProvider.GetRequiredService<OfferAcceptance>().AcceptAsync(shopper.UserId, offer!.AttemptId, 1, Ct);
        var attempt = await store.WaitForAsync(db => db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == offer.AttemptId), a => a.Status == OfferAttemptStatus.Succeeded, "offer");
        var analytics = scope.ServiceProvider.GetRequiredService<OfferAnalytics>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var before = await analytics.ReportAsync(today, today, Ct);

        await using (var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct))
        {
            db.Refunds.Add(new Refund { RefundId = "ref_" + Guid.NewGuid().ToString("N")[..10], PaymentId = attempt.PaymentId!, AmountMinor = 2000, Currency = "USD", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        var after = await analytics.ReportAsync(today, today, Ct);
        var rule = after.Rules.Single(r => r.RuleId == offer.RuleId).Stats;
        Assert.True(rule.Impressions >= 1 && rule.Accepts >= 1 && rule.Conversions >= 1);
        var usd = (Func<OfferStats, long>)(s => s.Revenue.Single(m => m.Currency == "USD").Minor);
        Assert.Equal(usd(before.Rules.Single(r => r.RuleId == offer.RuleId).Stats) - 2000, usd(rule));
        var csv = OfferAnalytics.ToCsv(after);
        Assert.Contains("rule_id,rule,impressions", csv, StringComparison.Ordinal);
        Assert.StartsWith("rule_id,rule,impressions,accepts,declines,failed_charges,conversions,conversion_rate,revenue_added,currency\n", csv, StringComparison.Ordinal);
        Assert.Contains($",{CurrencyFormat.Decimal(rule.Revenue.Single(m => m.Currency == "USD"))},USD\n", csv, StringComparison.Ordinal);
        Assert.Equal(usd(rule), after.Days.Single().Revenue.Single(m => m.Currency == "USD").Minor - OtherRulesUsd(after, offer.RuleId));
    }

    [Fact]
    public async Task AnalyticsCsv_Admin_GetsCsv_Customer_IsRefused()
    {
        var admin = store.Client();
        using var _ = await new StoreClient(admin).SignInAsync("admin@storefront.test", "admin-demo-pass");
        var customer = await store.NewCustomerAsync();

        using var csv = await admin.GetAsync(new Uri("admin/analytics.csv?from=2026-01-01&to=2026-12-31", UriKind.Relative), Ct);
        using var refused = await customer.Http.GetAsync(new Uri("admin/analytics.csv", UriKind.Relative), Ct);
        using var bad = await admin.GetAsync(new Uri("admin/analytics.csv?from=yesterday", UriKind.Relative), Ct);

        Assert.Equal(("text/csv", HttpStatusCode.OK), (csv.Content.Headers.ContentType?.MediaType, csv.StatusCode));
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task WebhookRetry_FailedEntry_IsProcessedAgain()
    {
        await using var scope = store.Services.CreateAsyncScope();
        var dbFactory = store.Get<IDbContextFactory<StorefrontDbContext>>();
        var webhookId = "msg_retry" + Guid.NewGuid().ToString("N")[..8];
        long id;
        await using (var db = await dbFactory.CreateDbContextAsync(Ct))
        {
            var entry = new WebhookInboxEntry
            {
                WebhookId = webhookId, EventType = "payout.success", Payload = """{"business_id":"b","type":"payout.success","timestamp":"2026-09-01T00:00:00Z","data":{}}""",
                Status = WebhookProcessingStatus.Failed, Attempts = WebhookProcessor.MaxAutomaticAttempts, LastError = "earlier failure",
                OccurredAt = DateTime.UtcNow, ReceivedAt = DateTime.UtcNow,
            };
            db.WebhookInbox.Add(entry);
            await db.SaveChangesAsync(Ct);
            id = entry.Id;
        }

        Assert.True(await store.Get<WebhookProcessor>().RetryAsync(id, Ct));

        var processed = await store.WaitForAsync(db => db.WebhookInbox.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id), e => e.Status is not (WebhookProcessingStatus.Failed or WebhookProcessingStatus.Processing), "the retry");
        Assert.Equal(WebhookProcessingStatus.Ignored, processed.Status);
    }

    [Fact]
    public async Task DryRun_PaidStarterCourse_ExplainsEachRule()
    {
        var shopper = await store.NewCustomerAsync();
        var order = await shopper.BuyAsync("starter-course");
        await using var scope = store.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<DryRunService>().ExplainAsync(order.Id, Ct);

        Assert.Contains(result!.Lines, l => l.Offer == "Complete bundle" && l.Verdict == OfferWords.Verdict(OfferVerdict.WouldShow));
        Assert.Contains(result.Lines, l => l.Kind == "Downsell" && l.Verdict == "Only after a decline");
    }

    /// <summary>Today's revenue from the other rules (other tests' offers on the same store), to isolate this rule's.</summary>
    private static long OtherRulesUsd(AnalyticsReport report, long ruleId) =>
        report.Rules.Where(r => r.RuleId != ruleId).SelectMany(r => r.Stats.Revenue).Where(m => m.Currency == "USD").Sum(m => m.Minor);
}
