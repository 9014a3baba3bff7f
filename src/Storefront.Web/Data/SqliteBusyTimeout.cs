using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Storefront.Web.Data;

/// <summary>
/// Lets SQLite itself wait for the write lock (PRAGMA busy_timeout) on every connection. Without it,
/// Microsoft.Data.Sqlite answers SQLITE_BUSY by sleeping 150 ms and retrying, so two writers that meet (webhook intake
/// and the processor) stall each other for whole sleeps; SQLite's own handler retries within milliseconds (ADR-0016).
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private const string Pragma = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
