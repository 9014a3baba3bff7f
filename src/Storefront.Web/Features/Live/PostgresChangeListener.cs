using Microsoft.Extensions.Options;
using Npgsql;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Live;

/// <summary>
/// On PostgreSQL: keeps one connection listening on <see cref="PostgresChangeRelay.Channel"/> and tells this
/// instance's pages about changes other instances made. A dropped connection is reopened after a second; what was sent
/// meanwhile is lost, and those pages catch up on their next reload (the database stays the truth).
/// </summary>
public sealed partial class PostgresChangeListener(
    IOptions<DatabaseOptions> options,
    IServiceProvider services,
    InstanceIdentity instance,
    CustomerChanges changes,
    ILogger<PostgresChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var database = services.GetRequiredService<NpgsqlDataSource>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, message) => Deliver(message.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresChangeRelay.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                LogListening(logger);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                LogConnectionLost(logger, error);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private void Deliver(string payload)
    {
        if (PostgresChangeRelay.Message.Read(payload) is { } message && message.InstanceId != instance.Id)
        {
            // Pages reload on their own circuits; nothing here waits for them.
            _ = changes.NotifyLocalAsync(message.UserId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for other instances' changes on PostgreSQL")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the PostgreSQL connection that listens for other instances' changes; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, Exception error);
}
