using Npgsql;

namespace Storefront.Web.Features.Live;

/// <summary>
/// Several instances on one PostgreSQL database: a change made on one instance is sent with <c>pg_notify</c> on
/// <see cref="Channel"/>, and <see cref="PostgresChangeListener"/> on every instance hands it to its own pages
/// (ADR-0017). Each message names the instance that sent it, which ignores its own: its pages were told directly.
/// </summary>
public sealed partial class PostgresChangeRelay(NpgsqlDataSource database, InstanceIdentity instance, ILogger<PostgresChangeRelay> logger) : ICustomerChangeRelay
{
    public const string Channel = "storefront_customer_changes";

    public async Task PublishAsync(string userId)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT pg_notify($1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = Channel });
            command.Parameters.Add(new NpgsqlParameter { Value = Message.Write(instance.Id, userId) });
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException)
        {
            LogNotSent(logger, error, userId);
        }
    }

    /// <summary>"instance-id|user-id": instance ids are GUIDs, so the first '|' separates them.</summary>
    internal static class Message
    {
        public static string Write(Guid instanceId, string userId) => instanceId.ToString("N") + "|" + userId;

        public static (Guid InstanceId, string UserId)? Read(string payload) =>
            payload.IndexOf('|', StringComparison.Ordinal) is var bar and > 0 && Guid.TryParse(payload.AsSpan(0, bar), out var id)
                ? (id, payload[(bar + 1)..])
                : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other instances about a change for customer {UserId}; their pages catch up on the next reload")]
    private static partial void LogNotSent(ILogger logger, Exception error, string userId);
}

/// <summary>This process among the store's instances (a new id per start).</summary>
public sealed class InstanceIdentity
{
    public Guid Id { get; } = Guid.NewGuid();
}
