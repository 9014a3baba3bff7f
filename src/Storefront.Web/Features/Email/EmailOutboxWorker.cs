using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Email;

/// <summary>
/// Sends the outbox. Each message is claimed with a conditional update (a lease), so with several instances only one
/// sends it; it is marked sent when the SMTP server has accepted it. A failed send is retried with exponential
/// backoff, then given up. Only a crash between the server's acceptance and the record can send a message twice; its
/// Message-ID is the same both times.
/// </summary>
public sealed partial class EmailOutboxWorker(
    IDbContextFactory<StorefrontDbContext> dbFactory,
    SmtpEmailTransport transport,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<EmailOutboxWorker> logger) : QueueWorker(logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    /// <summary>Sends one due message; false when none is due.</summary>
    protected override async Task<bool> HandleNextAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidate = await db.EmailOutbox.AsNoTracking()
            .Where(e => e.SentAt == null && !e.GaveUp && (e.NextAttemptAt == null || e.NextAttemptAt <= now) && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.Attempts }).FirstOrDefaultAsync(cancellationToken);
        if (candidate is null)
        {
            return false;
        }

        var claimed = await db.EmailOutbox
            .Where(e => e.Id == candidate.Id && e.Attempts == candidate.Attempts && e.SentAt == null && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Attempts, candidate.Attempts + 1).SetProperty(e => e.ClaimedUntil, now + Lease), cancellationToken);
        if (claimed == 0)
        {
            return true; // another sender took it
        }

        var message = await db.EmailOutbox.SingleAsync(e => e.Id == candidate.Id, cancellationToken);
        try
        {
            await transport.SendAsync(message, cancellationToken);
            message.SentAt = clock.GetUtcNow().UtcDateTime;
            message.LastError = null;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            message.LastError = Truncate(error.GetType().Name + ": " + error.Message);
            message.GaveUp = message.Attempts >= options.Value.MaxAttempts;
            message.NextAttemptAt = message.GaveUp ? null : clock.GetUtcNow().UtcDateTime + Backoff(message.Attempts);
            LogSendFailed(logger, error, message.Id, message.Attempts);
        }

        message.ClaimedUntil = null;
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    private TimeSpan Backoff(int attempts)
    {
        var wait = TimeSpan.FromSeconds(options.Value.RetryDelaySeconds * Math.Pow(2, attempts - 1));
        return wait < LongestWait ? wait : LongestWait;
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];


    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending email {Id} failed (attempt {Attempt})")]
    private static partial void LogSendFailed(ILogger logger, Exception error, long id, int attempt);
}
