using System.Net;
using Storefront.Testing;

namespace Storefront.Web.Tests;

/// <summary>The first admin of a production store, made with the app's own command-line verb.</summary>
public sealed class AdminCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAdmin_InProduction_MakesAnAccountThatOpensTheAdminPages()
    {
        var folder = Path.Combine(Path.GetTempPath(), "storefront-admin", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = $"Data Source={Path.Combine(folder, "storefront.db")}";

        var (exitCode, output) = await DeploymentSafetyTests.RunStoreProcessAsync(
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ConnectionStrings__Storefront"] = database },
            ["create-admin", "boss@shop.example"], input: "a long admin passphrase");

        Assert.True(exitCode == 0, output);
        Assert.Contains("boss@shop.example is an admin", output, StringComparison.Ordinal);
        await using var app = new StorefrontAppFactory().AsProduction().WithSetting("ConnectionStrings:Storefront", database);
        var client = new StoreClient(DeploymentSafetyTests.ShopClient(app));
        using var signIn = await client.SignInAsync("boss@shop.example", "a long admin passphrase");
        using var admin = await client.Http.GetAsync(new Uri("/admin", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task CreateAdmin_CommonPassword_IsRefusedWithAReason()
    {
        var (exitCode, output) = await DeploymentSafetyTests.RunStoreProcessAsync(
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            ["create-admin", "weak@shop.example"], input: "password123");

        Assert.Equal(1, exitCode);
        Assert.Contains("most common", output, StringComparison.Ordinal);
    }
}
