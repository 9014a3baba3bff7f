using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
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
    private string environment = "Development";
    private readonly List<Action<IServiceCollection>> serviceOverrides = [];

    public StorefrontAppFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "storefront-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        settings["ConnectionStrings:Storefront"] =
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, "storefront.db") }.ToString();
        settings["DodoSandbox:DatabasePath"] = Path.Combine(DataDirectory, "dodo-sandbox.db");
        settings["Email:PickupDirectory"] = Path.Combine(DataDirectory, "mail");
        // Suites sign in, register and accept far more often than a person; tests of the limits set their own.
        foreach (var limit in new[]
        {
            "SignInsPerIpPerMinute", "SignInsPerAccountPerQuarterHour", "RegistrationsPerIpPerHour", "EmailLinksPerAccountPerHour",
            "EmailLinksPerIpPerHour", "AcceptsPerUserPerMinute", "NewCircuitsPerIpPerMinute",
        })
        {
            settings["RateLimits:" + limit] = "100000";
        }
    }

    public string DataDirectory { get; }

    /// <summary>Overrides a configuration value before the app starts.</summary>
    public StorefrontAppFactory WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>Replaces services after the app's own registrations (fault hooks for tests).</summary>
    public StorefrontAppFactory WithServices(Action<IServiceCollection> configure)
    {
        serviceOverrides.Add(configure);
        return this;
    }

    /// <summary>Runs the app in another environment (Production: no demo seed, no defaults; see <see cref="AsProduction"/>).</summary>
    public StorefrontAppFactory WithEnvironment(string name)
    {
        environment = name;
        return this;
    }

    /// <summary>
    /// Production with everything it requires: the real Dodo's test mode (at an address nothing listens on), a public
    /// address (https://shop.example/, so clients must use that host), and an SMTP host.
    /// </summary>
    public StorefrontAppFactory AsProduction() => WithEnvironment("Production")
        .WithSetting("Dodo:Environment", "test_mode")
        .WithSetting("Dodo:ApiKey", "sk_test_storefront_tests")
        .WithSetting("Dodo:WebhookSecret", "whsec_dGVzdHMtb3duLXdlYmhvb2stc2VjcmV0LTAwMQ==")
        .WithSetting("Dodo:BaseUrl", "http://127.0.0.1:9/")
        .WithSetting("Catalog:SyncEveryMinutes", "0")
        .WithSetting("Store:PublicBaseUrl", "https://shop.example/")
        .WithSetting("Email:Smtp:Host", "127.0.0.1")
        .WithSetting("Email:Smtp:Port", "9");

    /// <summary>Starts Kestrel on loopback, on <paramref name="port"/> or (0) any free port.</summary>
    public Uri StartOnLoopback(int port = 0)
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    /// <summary>A loopback port free now, for a test that must name the store's address before it starts.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureTestServices(services => serviceOverrides.ForEach(configure => configure(services)));
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
