using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using static Dodo.Sandbox.Api.CustomersApi;

namespace Dodo.Sandbox.Api;

internal static class ProductsApi
{
    public static void MapProducts(this RouteGroupBuilder api)
    {
        api.MapGet("/products/{productId}", async (string productId, SandboxTransaction tx, CancellationToken ct) =>
        {
            var product = await tx.ReadAsync(db => db.Products.FirstOrDefaultAsync(p => p.Id == productId, ct), ct);
            return product is null ? ApiErrors.NotFound("Product", productId) : Results.Json(SandboxJson.Product(product));
        });

        api.MapGet("/products", (HttpRequest request, SandboxTransaction tx, CancellationToken ct) => Guarded(async () =>
        {
            var paging = Paging.Read(request);
            var recurring = Paging.Bool(request, "recurring");
            var archived = Paging.Bool(request, "archived") ?? false;
            var products = await tx.ReadAsync(db =>
            {
                var query = db.Products.Where(p => p.Archived == archived);
                query = recurring is null ? query : query.Where(p => p.IsRecurring == recurring);
                return paging.Apply(query.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)).ToListAsync(ct);
            }, ct);
            return Items(products.Select(SandboxJson.ProductListItem));
        }));
    }
}
