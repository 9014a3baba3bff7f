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
}
