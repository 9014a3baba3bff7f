using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Testing;

namespace Storefront.Web.Tests;

/// <summary>Outside Development the store never runs on the fake Dodo by accident, nor with the README's key.</summary>
public sealed class DeploymentSafetyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProductionStart_WithoutDodoSettings_ExitsNonZeroNamingTheSetting()
    {
        var (exitCode, output) = await RunStoreProcessAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Dodo:Environment is required", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Dodo:Environment", "sandbox", "DodoSandbox:AllowOutsideDevelopment=true")]
    [InlineData("Dodo:ApiKey", Dodo.Sandbox.SandboxOptions.DevelopmentApiKey, "published development key")]
    [InlineData("Dodo:WebhookSecret", Dodo.Sandbox.SandboxOptions.DevelopmentWebhookSecret, "published development secret")]
    [InlineData("Store:PublicBaseUrl", "", "Store:PublicBaseUrl is required outside Development")]
    [InlineData("AllowedHosts", "*", "AllowedHosts must name the store's host names")]
    [InlineData("Email:Smtp:Host", "", "Email:Smtp:Host is required outside Development")]
    public async Task ProductionStart_UnsafeSetting_FailsNamingIt(string key, string value, string expected)
    {
        // The built app as a process, like a deployment: an in-process test host races its own disposal when the
        // entry point fails, and then reports that instead of the setting.
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Dodo__Environment"] = "test_mode",
            ["Dodo__ApiKey"] = "sk_test_storefront_tests",
            ["Dodo__WebhookSecret"] = "whsec_dGVzdHMtb3duLXdlYmhvb2stc2VjcmV0LTAwMQ==",
            ["Dodo__BaseUrl"] = "http://127.0.0.1:9/",
            ["Catalog__SyncEveryMinutes"] = "0",
            ["Store__PublicBaseUrl"] = "https://shop.example/",
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = "9",
        };
        environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var (exitCode, output) = await RunStoreProcessAsync(environment);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoDeployment_SandboxOptedIn_ShowsTheTestStoreBarAndRefusesTheReadmeKey()
    {
        await using var app = DemoDeployment();
        using var client = ShopClient(app);

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        using var withReadmeKey = new HttpRequestMessage(HttpMethod.Get, "sandbox/dodo/products");
        withReadmeKey.Headers.Authorization = new("Bearer", Dodo.Sandbox.SandboxOptions.DevelopmentApiKey);
        using var withOwnKey = new HttpRequestMessage(HttpMethod.Get, "sandbox/dodo/products");
        withOwnKey.Headers.Authorization = new("Bearer", "sk_demo_store_own_key");

        Assert.Contains("Test store: no real payments", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(withReadmeKey, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withOwnKey, Ct)).StatusCode);
    }

    [Fact]
    public async Task DemoDeployment_SendsCustomersToTheSandboxAtThePublicAddress_NotTheListeningOne()
    {
        // Behind a proxy the app listens on loopback; a checkout link to 127.0.0.1 would reach no customer.
        await using var app = DemoDeployment();
        app.StartOnLoopback();

        var sandbox = app.Services.GetRequiredService<Dodo.Sandbox.SandboxEndpointAddress>();

        Assert.Equal("https://shop.example/sandbox/dodo/checkout/cks_1", sandbox.CheckoutUrl("cks_1").ToString());
        Assert.Equal("https://shop.example/webhooks/dodo", sandbox.WebhookUrl().ToString());
    }

    [Fact]
    public async Task DemoDeployment_SellsDodosCatalogRightAfterStart()
    {
        // Outside Development nothing seeds the catalog: it comes from Dodo's product list, synced when the store
        // starts rather than one interval later. On Kestrel, as deployed: the store reaches the sandbox over HTTP.
        var port = StorefrontAppFactory.FreeLoopbackPort();
        await using var app = DemoDeployment()
            .WithSetting("Store:PublicBaseUrl", $"http://127.0.0.1:{port}/")
            .WithSetting("Catalog:SyncEveryMinutes", "15");
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback(port) };

        await Wait.UntilAsync(async () =>
        {
            using var product = await client.GetAsync(new Uri("/products/basic-plan", UriKind.Relative), Ct);
            return product.StatusCode == HttpStatusCode.OK;
        }, "the product page of a product synced from Dodo");
    }

    [Fact]
    public async Task RealDodoConfigured_NoSandboxIsMountedAndNoTestBarShown()
    {
        await using var app = new StorefrontAppFactory().AsProduction();
        using var client = ShopClient(app);

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        using var console = await client.GetAsync(new Uri("/sandbox/dodo/console", UriKind.Relative), Ct);

        Assert.DoesNotContain("Test store", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, console.StatusCode);
    }

    [Fact]
    public async Task Production_RequestForAnotherHost_IsRefused()
    {
        await using var app = new StorefrontAppFactory().AsProduction();
        using var client = ShopClient(app);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/");
        forged.Headers.Host = "evil.example";

        using var response = await client.SendAsync(forged, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>Production on the in-process sandbox, opted in, with a key of its own (not the README's).</summary>
    private static StorefrontAppFactory DemoDeployment() => new StorefrontAppFactory().AsProduction()
        .WithSetting("Dodo:Environment", "sandbox")
        .WithSetting("Dodo:BaseUrl", null)
        .WithSetting("DodoSandbox:AllowOutsideDevelopment", "true")
        .WithSetting("Dodo:ApiKey", "sk_demo_store_own_key");

    internal static HttpClient ShopClient(StorefrontAppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://shop.example/"), AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The built store run as its own process (as `dotnet Storefront.Web.dll` in production), with a time limit.</summary>
    internal static async Task<(int ExitCode, string Output)> RunStoreProcessAsync(IReadOnlyDictionary<string, string> environment, string[]? arguments = null, string? input = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "storefront-process", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("dotnet", [StoreDll, .. arguments ?? ["--urls", "http://127.0.0.1:0"]])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__Storefront"] = $"Data Source={Path.Combine(folder, "storefront.db")}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }

        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The store process did not exit within 60 s: " + await stdout);
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The web app's own build output, of the same configuration as these tests.</summary>
    private static string StoreDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var dll = Path.Combine(RepositoryRoot.Path, "src", "Storefront.Web", "bin", configuration, "net10.0", "Storefront.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first (tests/run.sh does).", dll);
        }
    }
}
