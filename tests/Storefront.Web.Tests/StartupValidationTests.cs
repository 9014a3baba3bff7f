using Microsoft.Extensions.Options;
using Storefront.Testing;

namespace Storefront.Web.Tests;

public sealed class StartupValidationTests
{
    [Fact]
    public void Start_InvalidStoreSupportEmail_FailsWithTheOptionName()
    {
        using var app = new StorefrontAppFactory().WithSetting("Store:SupportEmail", "not-an-email");

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("SupportEmail", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_UnknownDatabaseProvider_FailsAtStartup()
    {
        using var app = new StorefrontAppFactory().WithSetting("Database:Provider", "Oracle");

        Assert.ThrowsAny<Exception>(() => app.CreateClient());
    }

    [Fact]
    public async Task Sandbox_DodoApiKeyConfigured_IsTheKeyTheSandboxRequires()
    {
        using var app = new StorefrontAppFactory().WithSetting("Dodo:ApiKey", "sk_my_own_sandbox_key");
        using var client = app.CreateClient();

        using var withOwnKey = new HttpRequestMessage(HttpMethod.Get, "sandbox/dodo/products");
        withOwnKey.Headers.Authorization = new("Bearer", "sk_my_own_sandbox_key");
        using var withDefaultKey = new HttpRequestMessage(HttpMethod.Get, "sandbox/dodo/products");
        withDefaultKey.Headers.Authorization = new("Bearer", Dodo.Sandbox.SandboxOptions.DevelopmentApiKey);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.SendAsync(withOwnKey, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.SendAsync(withDefaultKey, TestContext.Current.CancellationToken)).StatusCode);
    }
}
