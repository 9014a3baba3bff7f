using System.Text.Json.Nodes;
using Dodo.Sandbox.Billing;
using Dodo.Sandbox.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using static Dodo.Sandbox.Api.CustomersApi;

namespace Dodo.Sandbox.Api;

/// <summary>
/// POST /refunds, GET /refunds, GET /refunds/{id}. A refund starts <c>pending</c> and ends <c>succeeded</c> or
/// <c>failed</c> after the settlement delay, announced by refund.succeeded / refund.failed (<see cref="Refunds"/>).
/// </summary>
internal static class RefundsApi
{
    public static void MapRefunds(this RouteGroupBuilder api)
    {
        api.MapPost("/refunds", (HttpRequest request, SandboxTransaction tx, Refunds refunds, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var body = await RequestBody.ReadAsync(request, ct);
                var refund = await refunds.CreateAsync(db, body);
                var customer = await db.Customers.SingleAsync(c => c.Id == refund.CustomerId, ct);
                return Results.Json(SandboxJson.RefundResource(refund, customer));
            }, ct)).AddEndpointFilter<DropAfterChargeFilter>();

        api.MapGet("/refunds/{refundId}", async (string refundId, SandboxTransaction tx, CancellationToken ct) =>
        {
            var found = await tx.ReadAsync(async db =>
            {
                var refund = await db.Refunds.FirstOrDefaultAsync(r => r.Id == refundId, ct);
                return refund is null ? null : SandboxJson.RefundResource(refund, await db.Customers.SingleAsync(c => c.Id == refund.CustomerId, ct));
            }, ct);
            return found is null ? ApiErrors.NotFound("Refund", refundId) : Results.Json(found);
        });

        api.MapGet("/refunds", (HttpRequest request, SandboxTransaction tx, CancellationToken ct) => Guarded(async () =>
        {
            var paging = Paging.Read(request);
            var (customerId, status) = (request.Query["customer_id"].ToString(), request.Query["status"].ToString());
            var from = Paging.Time(request, "created_at_gte");
            var to = Paging.Time(request, "created_at_lte");
            var rows = await tx.ReadAsync(async db =>
            {
                var query = db.Refunds.AsQueryable();
                query = customerId.Length > 0 ? query.Where(r => r.CustomerId == customerId) : query;
                query = status.Length > 0 ? query.Where(r => r.Status == status) : query;
                query = from is null ? query : query.Where(r => r.CreatedAt >= from);
                query = to is null ? query : query.Where(r => r.CreatedAt <= to);
                return await paging.Apply(query.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id)).ToListAsync(ct);
            }, ct);
            return Items(rows.Select(SandboxJson.RefundListItem));
        }));
    }
}
