using System.Text.Json.Nodes;
using Dodo.Sandbox.Checkout;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Dodo.Sandbox.Api;

internal static class CheckoutsApi
{
    public static void MapCheckouts(this RouteGroupBuilder api)
    {
        api.MapPost("/checkouts", (HttpRequest request, SandboxTransaction tx, CheckoutSessions sessions, CancellationToken ct) =>
            tx.RunAsync(async db => Results.Json(await sessions.CreateAsync(db, await RequestBody.ReadAsync(request, ct))), ct))
            .AddEndpointFilter<DropAfterChargeFilter>();

        api.MapGet("/checkouts/{sessionId}", async (string sessionId, SandboxTransaction tx, CancellationToken ct) =>
        {
            var found = await tx.ReadAsync(async db =>
            {
                var session = await db.CheckoutSessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
                if (session is null)
                {
                    return null;
                }

                var customer = session.CustomerId is null ? null : await db.Customers.FirstOrDefaultAsync(c => c.Id == session.CustomerId, ct);
                var payment = session.PaymentId is null ? null : await db.Payments.FirstOrDefaultAsync(p => p.Id == session.PaymentId, ct);
                return new JsonObject
                {
                    ["id"] = session.Id,
                    ["created_at"] = SandboxJson.Time(session.CreatedAt),
                    ["customer_email"] = customer?.Email,
                    ["customer_name"] = customer?.Name,
                    ["payment_id"] = payment?.Id,
                    ["payment_status"] = payment?.Status,
                };
            }, ct);
            return found is null ? ApiErrors.NotFound("Checkout session", sessionId) : Results.Json(found);
        });
    }
}
