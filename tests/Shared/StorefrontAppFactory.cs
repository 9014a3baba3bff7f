using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Storefront.Testing;

/// <summary>
/// The real store, in Development (demo catalog and accounts seeded), on its own SQLite file in a temp folder.
/// Browser tests call <see cref="StartOnLoopback"/> to serve it through Kestrel on 127.0.0.1 and a free port.
/// </summary>
public class StorefrontAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings = new();

    public StorefrontAppFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "storefront-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        settings["ConnectionStrings:Storefront"] =
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, "storefront.db") }.ToString();
        settings["DodoSandbox:DatabasePath"] = Path.Combine(DataDirectory, "dodo-sandbox.db");
    }

    public string DataDirectory { get; }

    /// <summary>Overrides a configuration value before the app starts.</summary>
    public StorefrontAppFactory WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    public Uri StartOnLoopback()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a finishing background task; the temp folder is cleaned by the OS.
            }
        }
    }
}
