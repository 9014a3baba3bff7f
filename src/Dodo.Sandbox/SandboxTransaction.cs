using Dodo.Sandbox.Api;
using Dodo.Sandbox.Data;
using Dodo.Sandbox.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Dodo.Sandbox;

/// <summary>
/// Runs one API operation as Dodo's database would: one at a time, all or nothing. A refused request
/// (<see cref="SandboxRequestException"/>) saves nothing and answers with Dodo's error body.
/// </summary>
internal sealed class SandboxTransaction(IDbContextFactory<SandboxDbContext> dbFactory, WebhookOutbox outbox)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<IResult> RunAsync(Func<SandboxDbContext, Task<IResult>> operation, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            IResult result;
            try
            {
                result = await operation(db);
            }
            catch (SandboxRequestException refused)
            {
                return refused.ToResult();
            }

            await db.SaveChangesAsync(CancellationToken.None);
            outbox.Notify();
            return result;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A background change (settlement, expiry) under the same one-at-a-time rule as API operations.</summary>
    public async Task WriteAsync(Func<SandboxDbContext, Task> change, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await change(db);
            await db.SaveChangesAsync(CancellationToken.None);
            outbox.Notify();
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task<T> ReadAsync<T>(Func<SandboxDbContext, Task<T>> query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await query(db);
    }
}
