using System.Text.Json.Nodes;
using Dodo.Sandbox.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using static Dodo.Sandbox.Api.CustomersApi;

namespace Dodo.Sandbox.Api;

/// <summary>
/// GET /license_keys, GET /license_keys/{id}, GET /license_key_instances (with the merchant's API key), and the
/// public /licenses/activate, /licenses/deactivate, /licenses/validate a customer's copy of the software calls with
/// the key itself (the OpenAPI gives them no security scheme).
/// </summary>
internal static class LicenseKeysApi
{
    public static void MapLicenseKeys(this RouteGroupBuilder api)
    {
        api.MapGet("/license_keys", (HttpRequest request, SandboxTransaction tx, CancellationToken ct) => Guarded(async () =>
        {
            var paging = Paging.Read(request);
            var (customerId, productId, status) = (request.Query["customer_id"].ToString(), request.Query["product_id"].ToString(), request.Query["status"].ToString());
            var keys = await tx.ReadAsync(db =>
            {
                var query = db.LicenseKeys.AsQueryable();
                query = customerId.Length > 0 ? query.Where(k => k.CustomerId == customerId) : query;
                query = productId.Length > 0 ? query.Where(k => k.ProductId == productId) : query;
                query = status.Length > 0 ? query.Where(k => k.Status == status) : query;
                return paging.Apply(query.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id)).ToListAsync(ct);
            }, ct);
            return Items(keys.Select(SandboxJson.LicenseKey));
        }));

        api.MapGet("/license_keys/{id}", async (string id, SandboxTransaction tx, CancellationToken ct) =>
        {
            var key = await tx.ReadAsync(db => db.LicenseKeys.FirstOrDefaultAsync(k => k.Id == id, ct), ct);
            return key is null ? ApiErrors.NotFound("License key", id) : Results.Json(SandboxJson.LicenseKey(key));
        });

        api.MapGet("/license_key_instances", (HttpRequest request, SandboxTransaction tx, CancellationToken ct) => Guarded(async () =>
        {
            var paging = Paging.Read(request);
            var keyId = request.Query["license_key_id"].ToString();
            var instances = await tx.ReadAsync(db =>
            {
                var query = db.LicenseKeyInstances.AsQueryable();
                query = keyId.Length > 0 ? query.Where(i => i.LicenseKeyId == keyId) : query;
                return paging.Apply(query.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)).ToListAsync(ct);
            }, ct);
            return Items(instances.Select(SandboxJson.LicenseKeyInstance));
        }));
    }

    public static void MapLicenseActivation(this RouteGroupBuilder root)
    {
        root.MapPost("/licenses/activate", (HttpRequest request, SandboxTransaction tx, SandboxClock clock, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var body = await RequestBody.ReadAsync(request, ct);
                var key = await KeyAsync(db, body.RequiredString("license_key"), ct);
                var name = body.RequiredString("name");
                if (key.Status != "active")
                {
                    throw new SandboxRequestException(StatusCodes.Status403Forbidden, "FORBIDDEN", "License key cannot be activated (inactive).");
                }

                if (key.ActivationsLimit is { } limit && key.InstancesCount >= limit)
                {
                    throw SandboxRequestException.Invalid("License key activation limit reached.");
                }

                var instance = new SbLicenseKeyInstance { Id = SandboxIds.LicenseKeyInstance(), LicenseKeyId = key.Id, Name = name, CreatedAt = clock.UtcNow };
                db.LicenseKeyInstances.Add(instance);
                key.InstancesCount++;
                var customer = await db.Customers.SingleAsync(c => c.Id == key.CustomerId, ct);
                var product = await db.Products.SingleAsync(p => p.Id == key.ProductId, ct);
                var json = SandboxJson.LicenseKeyInstance(instance);
                json["customer"] = new JsonObject { ["customer_id"] = customer.Id, ["name"] = customer.Name, ["email"] = customer.Email };
                json["product"] = new JsonObject { ["product_id"] = product.Id, ["name"] = product.Name };
                return Results.Json(json, statusCode: StatusCodes.Status201Created);
            }, ct));

        root.MapPost("/licenses/deactivate", (HttpRequest request, SandboxTransaction tx, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var body = await RequestBody.ReadAsync(request, ct);
                var key = await KeyAsync(db, body.RequiredString("license_key"), ct);
                var instanceId = body.RequiredString("license_key_instance_id");
                var instance = await db.LicenseKeyInstances.FirstOrDefaultAsync(i => i.Id == instanceId && i.LicenseKeyId == key.Id, ct)
                    ?? throw new SandboxRequestException(StatusCodes.Status403Forbidden, "FORBIDDEN", "License key instance not found or does not belong to this license key.");
                db.LicenseKeyInstances.Remove(instance);
                key.InstancesCount--;
                return Results.Ok();
            }, ct));

        root.MapPost("/licenses/validate", (HttpRequest request, SandboxTransaction tx, CancellationToken ct) =>
            tx.RunAsync(async db =>
            {
                var body = await RequestBody.ReadAsync(request, ct);
                var key = await db.LicenseKeys.FirstOrDefaultAsync(k => k.Key == body.RequiredString("license_key"), ct);
                var instanceId = body.OptionalString("license_key_instance_id");
                var valid = key is { Status: "active" }
                    && (instanceId is null || await db.LicenseKeyInstances.AnyAsync(i => i.Id == instanceId && i.LicenseKeyId == key.Id, ct));
                return Results.Json(new JsonObject { ["valid"] = valid });
            }, ct));
    }

    private static async Task<SbLicenseKey> KeyAsync(SandboxDbContext db, string key, CancellationToken ct) =>
        await db.LicenseKeys.FirstOrDefaultAsync(k => k.Key == key, ct) ?? throw SandboxRequestException.NotFound("License key", key);
}
