using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Tests;

/// <summary>POST /webhooks/dodo: verify over raw bytes, dedupe on webhook-id, store before 2xx, refuse bad input unstored.</summary>
public sealed class WebhookIntakeTests(WebhookIntakeTests.App app) : IClassFixture<WebhookIntakeTests.App>
{
    public sealed class App : StorefrontAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string PaymentSucceeded = Fixtures.Read("webhook.payment.succeeded.json");

    [Fact]
    public async Task Post_ValidSignature_IsStoredAndAcknowledged()
    {
        using var request = SignedWebhooks.Request(PaymentSucceeded);
        var id = request.Headers.GetValues("webhook-id").Single();

        using var response = await app.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await EntryAsync(id);
        Assert.Equal("payment.succeeded", stored!.EventType);
        Assert.Equal(PaymentSucceeded, stored.Payload);
    }

    [Fact]
    public async Task Post_SameWebhookIdTwice_IsStoredOnceAndBothAreAcknowledged()
    {
        var id = "msg_dup" + Guid.NewGuid().ToString("N");
        using var first = SignedWebhooks.Request(PaymentSucceeded, id);
        using var second = SignedWebhooks.Request(PaymentSucceeded, id);

        using var a = await app.CreateClient().SendAsync(first, Ct);
        using var b = await app.CreateClient().SendAsync(second, Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (a.StatusCode, b.StatusCode));
        await using var db = await DbAsync();
        var entries = await db.WebhookInbox.Where(e => e.WebhookId == id).ToListAsync(Ct);
        Assert.Single(entries);
        Assert.Equal(2, entries[0].Deliveries);
    }

    [Fact]
    public async Task Post_SignatureFromAnotherSecret_Is401AndNothingIsStored()
    {
        using var request = SignedWebhooks.Request(PaymentSucceeded, signature: "v1,u2ORnpN0W2OE7XmDy/cQpOkdMsNRzYtLNcQ+wSTpVtw=");
        var id = request.Headers.GetValues("webhook-id").Single();

        using var response = await app.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await EntryAsync(id));
    }

    [Fact]
    public async Task Post_BodyChangedAfterSigning_Is401AndNothingIsStored()
    {
        using var request = SignedWebhooks.Request(PaymentSucceeded);
        var id = request.Headers.GetValues("webhook-id").Single();
        var signature = request.Headers.GetValues("webhook-signature").Single();
        using var tampered = SignedWebhooks.Request(PaymentSucceeded.Replace("1900", "1", StringComparison.Ordinal), id, signature: signature);

        using var response = await app.CreateClient().SendAsync(tampered, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await EntryAsync(id));
    }

    [Fact]
    public async Task Post_TimestampTenMinutesOld_IsRefused()
    {
        using var request = SignedWebhooks.Request(PaymentSucceeded, at: DateTimeOffset.UtcNow.AddMinutes(-10));

        using var response = await app.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_MissingSignatureHeaders_Is400()
    {
        using var content = new StringContent(PaymentSucceeded, System.Text.Encoding.UTF8, "application/json");

        using var response = await app.CreateClient().PostAsync(new Uri("webhooks/dodo", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_OversizedBody_Is413BeforeAnyWork()
    {
        using var request = SignedWebhooks.Request(new string(' ', WebhookIntakeEndpoint.MaxBodyBytes + 1) + "{}");

        using var response = await app.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_ValidEventNothingMatches_IsKeptAcknowledgedAndIgnored()
    {
        using var request = SignedWebhooks.Request(SignedWebhooks.Fixture("webhook.payment.failed.json", _ => { }));
        var id = request.Headers.GetValues("webhook-id").Single();

        using var response = await app.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await WaitProcessedAsync(id);
        Assert.Equal(WebhookProcessingStatus.Ignored, entry.Status);
    }

    [Fact]
    public async Task Post_EventTypeTheStoreDoesNotHandle_IsKeptAndIgnored()
    {
        using var request = SignedWebhooks.Request("""{"business_id":"bus_1","type":"payout.success","timestamp":"2026-09-01T09:41:16Z","data":{"payload_type":"Payout"}}""");
        var id = request.Headers.GetValues("webhook-id").Single();

        using var response = await app.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WebhookProcessingStatus.Ignored, (await WaitProcessedAsync(id)).Status);
    }

    [Fact]
    public async Task Post_BurstOf120ConcurrentDeliveries_StoresEachEventOnce_CountsRedeliveries_AndProcessesAll()
    {
        // 100 events, 20 of them delivered twice at the same moment: what group commit must get right under load.
        var ids = Enumerable.Range(0, 100).Select(i => $"msg_burst_{Guid.NewGuid():N}").ToList();
        var deliveries = ids.Concat(ids.Take(20)).ToList();
        using var client = app.CreateClient();

        var answers = await Task.WhenAll(deliveries.Select(async id =>
        {
            using var request = SignedWebhooks.Request(PaymentSucceeded, id);
            using var response = await client.SendAsync(request, Ct);
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        await using var db = await DbAsync();
        var stored = await db.WebhookInbox.AsNoTracking().Where(e => ids.Contains(e.WebhookId)).ToListAsync(Ct);
        Assert.Equal(100, stored.Count);
        Assert.Equal(20, stored.Count(e => e.Deliveries == 2));
        Assert.Equal(80, stored.Count(e => e.Deliveries == 1));
        await Wait.UntilAsync(async () =>
        {
            await using var check = await DbAsync();
            return await check.WebhookInbox.CountAsync(e => ids.Contains(e.WebhookId) && e.ProcessedAt != null && e.Attempts == 1, Ct) == 100;
        }, "every event of the burst processed exactly once");
    }

    [Fact]
    public async Task Post_ForgedDeliveries_AreCountedPerReason_NotStored()
    {
        var refusals = app.Services.GetRequiredService<WebhookRefusals>();
        refusals.Report(); // start from zero: other tests in this class refuse deliveries too
        using var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var forged = SignedWebhooks.Request(PaymentSucceeded, signature: "v1,u2ORnpN0W2OE7XmDy/cQpOkdMsNRzYtLNcQ+wSTpVtw=");
            using var response = await client.SendAsync(forged, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var reported = refusals.Report();
        Assert.Equal(3, reported["NoMatchingSignature"]);
        Assert.Empty(refusals.Report());
    }

    private Task<WebhookInboxEntry> WaitProcessedAsync(string webhookId) => Wait.UntilAsync(async () =>
        await EntryAsync(webhookId) is { Status: not (WebhookProcessingStatus.Received or WebhookProcessingStatus.Processing) } entry ? entry : null,
        "the webhook to be processed");

    private async Task<WebhookInboxEntry?> EntryAsync(string webhookId)
    {
        await using var db = await DbAsync();
        return await db.WebhookInbox.AsNoTracking().FirstOrDefaultAsync(e => e.WebhookId == webhookId, Ct);
    }

    private Task<StorefrontDbContext> DbAsync() =>
        app.Services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
}
