using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Dodo.Sandbox.Api;
using Dodo.Sandbox.Billing;
using Dodo.Sandbox.Checkout;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dodo.Sandbox.Control;

/// <summary>
/// A page for a person running the store locally: the sandbox clock with a form to move it (renewals fall due), and
/// the latest payments and webhook deliveries. Only exists where the sandbox is mounted, and only for someone who
/// knows the sandbox's API key (<see cref="ConsoleAccess"/>).
/// </summary>
internal static class ConsolePage
{
    public static void MapSandboxConsole(this RouteGroupBuilder root)
    {
        root.MapGet("/console", async (HttpContext http, ConsoleAccess access, SandboxTransaction tx, SandboxClock clock, CancellationToken ct) =>
            access.IsSignedIn(http) ? SandboxHtml.Page(Shell(await OverviewAsync(http, access, tx, clock, ct))) : KeyForm(http, access, null));

        root.MapPost("/console/key", async (HttpContext http, ConsoleAccess access, IOptions<SandboxOptions> options, CancellationToken ct) =>
        {
            if (!await access.IsFormValidAsync(http))
            {
                return SandboxHtml.Page(Shell($"<p role=\"alert\">The form expired. <a href=\"{access.ConsolePath}\">Try again</a>.</p>"), StatusCodes.Status400BadRequest);
            }

            var form = await http.Request.ReadFormAsync(ct);
            if (!access.KeyMatches(form["api_key"]))
            {
                return KeyForm(http, access, "That is not the sandbox's API key.", StatusCodes.Status401Unauthorized);
            }

            access.SignIn(http);
            return Results.Redirect(options.Value.PathPrefix.TrimEnd('/') + "/console");
        });

        root.MapPost("/console/advance", async (HttpContext http, ConsoleAccess access, SandboxTransaction tx, SandboxClock clock,
            SubscriptionBilling billing, IOptions<SandboxOptions> options, CancellationToken ct) =>
        {
            if (!access.IsSignedIn(http))
            {
                return KeyForm(http, access, "Enter the sandbox's API key first.", StatusCodes.Status401Unauthorized);
            }

            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
            if (!int.TryParse(form?["days"], NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > 400)
            {
                return SandboxHtml.Page(Shell($"<p role=\"alert\">Enter a number of days from 1 to 400.</p><p><a href=\"{access.ConsolePath}\">Back</a></p>"), 422);
            }

            return await AdvanceAsync(http, access, tx, clock, billing, _ => Task.FromResult<TimeSpan?>(TimeSpan.FromDays(days)), options, ct);
        });

        // To just past the earliest renewal of an active subscription: months of different lengths need no arithmetic.
        root.MapPost("/console/advance-to-renewal", (HttpContext http, ConsoleAccess access, SandboxTransaction tx, SandboxClock clock,
            SubscriptionBilling billing, IOptions<SandboxOptions> options, CancellationToken ct) =>
            AdvanceAsync(http, access, tx, clock, billing, async db =>
                await NextRenewalAsync(db, ct) is { } next && next > clock.UtcNow ? next - clock.UtcNow + TimeSpan.FromMinutes(1) : null, options, ct));
    }

    private static async Task<IResult> AdvanceAsync(HttpContext http, ConsoleAccess access, SandboxTransaction tx, SandboxClock clock,
        SubscriptionBilling billing, Func<Data.SandboxDbContext, Task<TimeSpan?>> howFar, IOptions<SandboxOptions> options, CancellationToken ct)
    {
        if (!access.IsSignedIn(http))
        {
            return KeyForm(http, access, "Enter the sandbox's API key first.", StatusCodes.Status401Unauthorized);
        }

        if (!await access.IsFormValidAsync(http))
        {
            return SandboxHtml.Page(Shell($"<p role=\"alert\">The form expired. <a href=\"{access.ConsolePath}\">Back to the console</a>.</p>"), StatusCodes.Status400BadRequest);
        }

        string? refusal = null;
        await tx.RunAsync(async db =>
        {
            if (await howFar(db) is not { } by)
            {
                refusal = "There is nothing to advance to.";
                return Results.Ok();
            }

            await ControlApi.AdvanceAsync(db, clock, billing, by);
            await db.SaveChangesAsync(ct);
            await billing.RenewDueAsync(db);
            return Results.Ok();
        }, ct);
        return refusal is null
            ? Results.Redirect(options.Value.PathPrefix.TrimEnd('/') + "/console")
            : SandboxHtml.Page(Shell($"<p role=\"alert\">{refusal}</p><p><a href=\"{access.ConsolePath}\">Back</a></p>"), 422);
    }

    private static IResult KeyForm(HttpContext http, ConsoleAccess access, string? error, int status = StatusCodes.Status200OK)
    {
        var alert = error is null ? "" : $"<p role=\"alert\">{HtmlEncoder.Default.Encode(error)}</p>";
        return SandboxHtml.Page(Shell($"""
            <h1>Sandbox console</h1>{alert}
            <p>The console moves the sandbox's clock and shows its payments. Enter the sandbox's API key (Dodo:ApiKey) to open it.</p>
            <form method="post" action="{access.ConsolePath}/key">{access.AntiforgeryField(http)}
            <label for="api_key">Sandbox API key</label><input id="api_key" name="api_key" type="password" autocomplete="off" required>
            <button type="submit">Open the console</button></form>
            """), status);
    }

    private static async Task<string> OverviewAsync(HttpContext http, ConsoleAccess access, SandboxTransaction tx, SandboxClock clock, CancellationToken ct)
    {
        var (payments, deliveries, customers, nextRenewal) = await tx.ReadAsync(async db =>
        {
            var latest = await db.Payments.OrderByDescending(p => p.CreatedAt).Take(15).ToListAsync(ct);
            var ids = latest.Select(p => p.CustomerId).Distinct().ToList();
            return (latest,
                await db.WebhookDeliveries.OrderByDescending(d => d.Sequence).Take(25).ToListAsync(ct),
                await db.Customers.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Email, ct),
                await NextRenewalAsync(db, ct));
        }, ct);
        var h = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Sandbox console</h1><p>Sandbox time: <strong data-now>{SandboxJson.Time(clock.UtcNow)}</strong></p>");
        html.Append(CultureInfo.InvariantCulture, $"""
            <p>The sandbox's clock only moves forward. Renewals that fall due are charged as it passes them; to start again
            from today, reset the demo (see the README).</p>
            """);
        html.Append(nextRenewal is { } next
            ? $"<form method=\"post\" action=\"{access.ConsolePath}/advance-to-renewal\">{access.AntiforgeryField(http)}<button type=\"submit\">Advance to the next renewal ({SandboxJson.Time(next)})</button></form>"
            : "<p>No active subscription renews later: nothing to advance to.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{access.ConsolePath}/advance\">{access.AntiforgeryField(http)}<label for=\"days\">Move the clock forward (days)</label><input id=\"days\" name=\"days\" type=\"number\" min=\"1\" max=\"400\" required><button type=\"submit\">Advance clock</button></form>");
        html.Append("<h2>Payments</h2><table><thead><tr><th scope=\"col\">Payment</th><th scope=\"col\">Customer</th><th scope=\"col\">Status</th><th scope=\"col\">Amount</th><th scope=\"col\">Created</th></tr></thead><tbody>");
        foreach (var p in payments)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{h.Encode(p.Id)}</td><td>{h.Encode(customers.GetValueOrDefault(p.CustomerId, p.CustomerId))}</td><td>{h.Encode(p.Status)}</td><td>{CheckoutPageHtml.Money(p.TotalAmount, p.Currency)}</td><td>{SandboxJson.Time(p.CreatedAt)}</td></tr>");
        }

        html.Append("</tbody></table><h2>Webhook deliveries</h2><table><thead><tr><th scope=\"col\">Webhook</th><th scope=\"col\">Event</th><th scope=\"col\">State</th><th scope=\"col\">Attempts</th><th scope=\"col\">Last error</th></tr></thead><tbody>");
        foreach (var d in deliveries)
        {
            var state = d.DeliveredAt is not null ? "delivered" : d.GaveUp ? "gave up" : "pending";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{h.Encode(d.Id)}</td><td>{h.Encode(d.EventType)}</td><td>{state}</td><td>{d.Attempts}</td><td>{h.Encode(d.LastError ?? "")}</td></tr>");
        }

        html.Append("</tbody></table>");
        return html.ToString();
    }

    /// <summary>The earliest next billing date of an active subscription (sandbox clock), if any.</summary>
    private static async Task<DateTime?> NextRenewalAsync(Data.SandboxDbContext db, CancellationToken ct) =>
        await db.Subscriptions.Where(s => s.Status == "active").OrderBy(s => s.NextBillingDate).Select(s => (DateTime?)s.NextBillingDate).FirstOrDefaultAsync(ct);

    private static string Shell(string body) => $$"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sandbox console · Dodo Payments (sandbox)</title>
        <style>body{font-family:system-ui,sans-serif;max-width:960px;margin:24px auto;padding:0 16px;color:#1d2330}
        table{border-collapse:collapse;width:100%}td{border-bottom:1px solid #e3e6ee;padding:6px;font-size:.9rem}
        input{padding:6px;margin:0 8px}button{padding:6px 14px}</style></head><body>{{body}}</body></html>
        """;
}
