using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Audit;

namespace Storefront.Web.Features.Usage;

/// <summary>Creates, lists, revokes and checks the merchant app's API keys (audited). Keys are random; only hashes are stored.</summary>
public sealed class ApiKeys(IDbContextFactory<StorefrontDbContext> dbFactory, AuditTrail audit, TimeProvider clock)
{
    private const string KeyStart = "sfk_";

    /// <returns>The new key in full: the only time it exists outside the merchant's app.</returns>
    public async Task<string> CreateAsync(string name, string actor, CancellationToken cancellationToken)
    {
        var key = KeyStart + RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 40);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = new ApiKey { Name = name.Trim(), Prefix = key[..10], Hash = HashOf(key), CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, "create", nameof(ApiKey), row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, new { row.Name, row.Prefix });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public async Task RevokeAsync(long id, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, cancellationToken);
        if (row is null)
        {
            return;
        }

        row.RevokedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(db, actor, "revoke", nameof(ApiKey), id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { row.Name, row.Prefix }, null);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(cancellationToken);
    }

    /// <summary>True when the key is one the admin made and has not revoked.</summary>
    public async Task<bool> IsValidAsync(string? presented, CancellationToken cancellationToken)
    {
        if (presented is null || !presented.StartsWith(KeyStart, StringComparison.Ordinal) || presented.Length > 100)
        {
            return false;
        }

        var hash = HashOf(presented);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AnyAsync(k => k.Hash == hash && k.RevokedAt == null, cancellationToken);
    }

    private static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
