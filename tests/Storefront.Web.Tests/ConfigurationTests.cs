using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Testing;

namespace Storefront.Web.Tests;

public sealed class ConfigurationTests(ConfigurationTests.App app) : IClassFixture<ConfigurationTests.App>
{
    public sealed class App : StorefrontAppFactory;

    [Fact]
    public async Task DevelopmentSettings_AreTheRepositoryRootFile()
    {
        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        var source = configuration.Providers.OfType<JsonConfigurationProvider>()
            .Single(p => p.Source.Path == "appsettings.Development.json").Source;

        var served = Path.Combine(((Microsoft.Extensions.FileProviders.PhysicalFileProvider)source.FileProvider!).Root, "appsettings.Development.json");
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "appsettings.Development.json"), TestContext.Current.CancellationToken),
            await File.ReadAllTextAsync(served, TestContext.Current.CancellationToken));
        Assert.False(source.Optional);
        Assert.False(File.Exists(Path.Combine(RepositoryRoot.Path, "src", "Storefront.Web", "appsettings.Development.json")));
        Assert.Equal("customer@storefront.test", configuration["DemoAccounts:CustomerEmail"]);
    }
}
