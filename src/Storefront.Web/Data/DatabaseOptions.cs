using System.ComponentModel.DataAnnotations;

namespace Storefront.Web.Data;

public enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}

/// <summary>Settings under "Database". The connection string itself is ConnectionStrings:Storefront.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>SQLite is the embedded default; PostgreSQL is the scale-out path (several instances, one database).</summary>
    [EnumDataType(typeof(DatabaseProvider))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up. Turn off when a deployment step migrates instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
