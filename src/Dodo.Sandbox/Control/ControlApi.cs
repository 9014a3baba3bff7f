using System.Globalization;
using System.Text.Json.Nodes;
using Dodo.Sandbox.Api;
using Dodo.Sandbox.Billing;
using Dodo.Sandbox.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Dodo.Sandbox.Control;

/// <summary>
/// Sandbox-only endpoints (not part of Dodo's API) for tests: move the clock, flip fault switches, read what was
/// delivered. Behind the same API key as the rest.
/// </summary>
internal static class ControlApi
{
    public static void MapSandboxControls(this RouteGroupBuilder api)
    {
        var control = api.MapGroup("/_sandbox");

        control.MapGet("/clock", (SandboxClock clock) => Results.Json(new JsonObject
        {
            ["now"] = SandboxJson.Time(clock.UtcNow),
            ["offset_seconds"] = (long)clock.Offset.TotalSeconds,
        }));

        control.MapPost("/clock/advance", (HttpRequest request, SandboxTransaction tx, SandboxClock clock, SubscriptionBilling billing, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var body = await RequestBody.ReadAsync(request, ct);
                var by = TimeSpan.FromDays(body.OptionalInt("days", 0)) + TimeSpan.FromHours(body.OptionalInt("hours", 0));
                if (by <= TimeSpan.Zero)
                {
                    throw SandboxRequestException.Body("Give days and/or hours greater than zero.");
                }

                await AdvanceAsync(db, clock, billing, by);
                var renewals = await billing.RenewDueAsync(db);
                return Results.Json(new JsonObject { ["now"] = SandboxJson.Time(clock.UtcNow), ["renewals"] = renewals });
            }, ct));

        control.MapPost("/controls", async (HttpRequest request, SandboxControls controls, CancellationToken ct) =>
        {
            RequestBody body;
            try
            {
                body = await RequestBody.ReadAsync(request, ct);
            }
            catch (SandboxRequestException refused)
            {
                return refused.ToResult();
            }

            Apply(body, controls);
            return Results.Json(Describe(controls));
        });

        control.MapPost("/reset-controls", (SandboxControls controls) =>
        {
            controls.Reset();
            return Results.Json(Describe(controls));
        });

        control.MapGet("/webhook-deliveries", async (SandboxTransaction tx, CancellationToken ct) =>
        {
            var rows = await tx.ReadAsync(db => db.WebhookDeliveries.OrderBy(d => d.Sequence).ToListAsync(ct), ct);
            return CustomersApi.Items(rows.Select(d => new JsonObject
            {
                ["webhook_id"] = d.Id,
                ["type"] = d.EventType,
                ["attempts"] = d.Attempts,
                ["delivered_at"] = SandboxJson.TimeOrNull(d.DeliveredAt),
                ["last_error"] = d.LastError,
                ["gave_up"] = d.GaveUp,
            }));
        });
    }

    internal static async Task AdvanceAsync(SandboxDbContext db, SandboxClock clock, SubscriptionBilling billing, TimeSpan by)
    {
        var offset = clock.AdvanceBy(by);
        var state = await db.Clock.SingleAsync();
        state.OffsetTicks = offset.Ticks;
    }

    private static void Apply(RequestBody body, SandboxControls controls)
    {
        controls.LatencyMilliseconds = body.OptionalInt("latency_ms", controls.LatencyMilliseconds);
        controls.DuplicateDeliveries = body.OptionalBool("duplicate_deliveries") ?? controls.DuplicateDeliveries;
        controls.DeliverNewestFirst = body.OptionalBool("deliver_newest_first") ?? controls.DeliverNewestFirst;
        controls.HoldDeliveries = body.OptionalBool("hold_deliveries") ?? controls.HoldDeliveries;
        controls.DeliveryDelayMilliseconds = body.OptionalInt("delivery_delay_ms", controls.DeliveryDelayMilliseconds);
        if (body.Json.ContainsKey("fail_next_requests"))
        {
            controls.FailNextRequests(body.OptionalInt("fail_next_requests", 0));
        }

        if (body.Json.ContainsKey("drop_connection_after_next_charges"))
        {
            controls.DropConnectionAfterNextCharges(body.OptionalInt("drop_connection_after_next_charges", 0));
        }

        if (body.Json.ContainsKey("fail_next_charges"))
        {
            controls.FailNextCharges(body.OptionalInt("fail_next_charges", 0));
        }

        if (body.Json.ContainsKey("fail_after_next_charges"))
        {
            controls.FailAfterNextCharges(body.OptionalInt("fail_after_next_charges", 0));
        }

        if (body.Json.ContainsKey("fail_next_refunds"))
        {
            controls.FailNextRefunds(body.OptionalInt("fail_next_refunds", 0));
        }
    }

    private static JsonObject Describe(SandboxControls controls) => new()
    {
        ["latency_ms"] = controls.LatencyMilliseconds,
        ["duplicate_deliveries"] = controls.DuplicateDeliveries,
        ["deliver_newest_first"] = controls.DeliverNewestFirst,
        ["hold_deliveries"] = controls.HoldDeliveries,
        ["delivery_delay_ms"] = controls.DeliveryDelayMilliseconds,
        ["checked_at"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
    };
}
