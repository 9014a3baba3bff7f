using System.Text.Json.Nodes;
using Dodo.Sandbox.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Dodo.Sandbox.Api;

internal static class CustomersApi
{
    public static void MapCustomers(this RouteGroupBuilder api)
    {
        api.MapPost("/customers", (HttpRequest request, SandboxTransaction tx, SandboxClock clock, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var body = await RequestBody.ReadAsync(request, ct);
                var email = body.RequiredString("email");
                if (!email.Contains('@', StringComparison.Ordinal))
                {
                    throw SandboxRequestException.Body("email must be an email address.");
                }

                var customer = new SbCustomer
                {
                    Id = SandboxIds.Customer(),
                    Email = email,
                    Name = body.RequiredString("name"),
                    PhoneNumber = body.OptionalString("phone_number"),
                    MetadataJson = body.MetadataJson(),
                    CreatedAt = clock.UtcNow,
                };
                db.Customers.Add(customer);
                return Results.Json(SandboxJson.Customer(customer));
            }, ct));

        api.MapGet("/customers/{customerId}", async (string customerId, SandboxTransaction tx, CancellationToken ct) =>
        {
            var customer = await tx.ReadAsync(db => db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ct), ct);
            return customer is null ? ApiErrors.NotFound("Customer", customerId) : Results.Json(SandboxJson.Customer(customer));
        });

        api.MapGet("/customers", (HttpRequest request, SandboxTransaction tx, CancellationToken ct) => Guarded(async () =>
        {
            var paging = Paging.Read(request);
            var email = request.Query["email"].ToString();
            var name = request.Query["name"].ToString();
            var from = Paging.Time(request, "created_at_gte");
            var to = Paging.Time(request, "created_at_lte");
            var customers = await tx.ReadAsync(db =>
            {
                var query = db.Customers.AsQueryable();
                query = email.Length > 0 ? query.Where(c => c.Email == email) : query;
                query = name.Length > 0 ? query.Where(c => EF.Functions.Like(c.Name, "%" + name + "%")) : query; // LIKE is case-insensitive in SQLite
                query = from is null ? query : query.Where(c => c.CreatedAt >= from);
                query = to is null ? query : query.Where(c => c.CreatedAt <= to);
                return paging.Apply(query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id)).ToListAsync(ct);
            }, ct);
            return Items(customers.Select(SandboxJson.Customer));
        }));

        api.MapPatch("/customers/{customerId}", (string customerId, HttpRequest request, SandboxTransaction tx, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var body = await RequestBody.ReadAsync(request, ct);
                var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ct)
                    ?? throw SandboxRequestException.NotFound("Customer", customerId);
                customer.Email = body.OptionalString("email") ?? customer.Email;
                customer.Name = body.OptionalString("name") ?? customer.Name;
                customer.PhoneNumber = body.OptionalString("phone_number") ?? customer.PhoneNumber;
                customer.MetadataJson = body.Json.ContainsKey("metadata") ? body.MetadataJson() : customer.MetadataJson;
                return Results.Json(SandboxJson.Customer(customer));
            }, ct));

        api.MapGet("/customers/{customerId}/payment-methods", async (string customerId, SandboxTransaction tx, CancellationToken ct) =>
        {
            var (found, methods) = await tx.ReadAsync(async db =>
                (await db.Customers.AnyAsync(c => c.Id == customerId, ct),
                 await db.PaymentMethods.Where(m => m.CustomerId == customerId && !m.Deleted).OrderByDescending(m => m.CreatedAt).ToListAsync(ct)), ct);
            return found ? Items(methods.Select(SandboxJson.PaymentMethod)) : ApiErrors.NotFound("Customer", customerId);
        });

        api.MapDelete("/customers/{customerId}/payment-methods/{paymentMethodId}", (string customerId, string paymentMethodId, SandboxTransaction tx, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var method = await db.PaymentMethods.FirstOrDefaultAsync(m => m.Id == paymentMethodId && m.CustomerId == customerId && !m.Deleted, ct)
                    ?? throw SandboxRequestException.NotFound("Payment method", paymentMethodId);
                method.Deleted = true;
                return Results.Ok();
            }, ct));
    }

    public static IResult Items(IEnumerable<JsonObject> items) =>
        Results.Json(new JsonObject { ["items"] = new JsonArray(items.Cast<JsonNode>().ToArray()) });

    /// <summary>Turns a refused read (bad query parameters) into Dodo's error body.</summary>
    public static async Task<IResult> Guarded(Func<Task<IResult>> read)
    {
        try
        {
            return await read();
        }
        catch (SandboxRequestException refused)
        {
            return refused.ToResult();
        }
    }
}
