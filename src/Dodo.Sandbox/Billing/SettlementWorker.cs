using Dodo.Sandbox.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dodo.Sandbox.Billing;

/// <summary>
/// Dodo's asynchronous side: decides processing payments and pending refunds when their settlement delay has passed,
/// and cancels payments whose 3-D Secure challenge nobody completed in time (sandbox clock, so advancing it expires them).
/// </summary>
internal sealed partial class SettlementWorker(
    SandboxTransaction transaction, Charges charges, Refunds refunds, SandboxClock clock, ILogger<SettlementWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Poll);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Look first without the write gate, so idle polling never queues behind API calls.
                if (await transaction.ReadAsync(AnyDueAsync, stoppingToken))
                {
                    await transaction.WriteAsync(SettleDueAsync, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is DbUpdateException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                LogFailed(logger, error);
            }
        }
    }

    private async Task<bool> AnyDueAsync(SandboxDbContext db) =>
        await DuePayments(db).AnyAsync() || await DueRefunds(db).AnyAsync();

    private IQueryable<SbPayment> DuePayments(SandboxDbContext db)
    {
        var now = DateTime.UtcNow;
        var sandboxNow = clock.UtcNow;
        return db.Payments.Where(p => (p.Status == "processing" && p.SettlesAt != null && p.SettlesAt <= now)
            || (p.Status == "requires_customer_action" && p.ActionExpiresAt != null && p.ActionExpiresAt <= sandboxNow));
    }

    private static IQueryable<SbRefund> DueRefunds(SandboxDbContext db)
    {
        var now = DateTime.UtcNow;
        return db.Refunds.Where(r => r.Status == "pending" && r.SettlesAt != null && r.SettlesAt <= now);
    }

    private async Task SettleDueAsync(SandboxDbContext db)
    {
        var due = await DuePayments(db).ToListAsync();
        foreach (var payment in due)
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == payment.CustomerId);
            if (payment.Status == "processing")
            {
                charges.Settle(db, payment, customer, await db.PaymentMethods.SingleAsync(m => m.Id == payment.PaymentMethodId));
            }
            else
            {
                charges.Cancel(db, payment, customer);
            }
        }

        foreach (var refund in await DueRefunds(db).ToListAsync())
        {
            refunds.Settle(db, refund, await db.Customers.SingleAsync(c => c.Id == refund.CustomerId));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox settlement failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
