using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dodo.Payments.Tests;

public sealed class DodoOptionsTests
{
    [Fact]
    public void Options_DodoSdkEnvironmentVariables_FillEmptySettings()
    {
        var options = Resolve(new()
        {
            ["Dodo:Environment"] = "test_mode",
            ["DODO_PAYMENTS_API_KEY"] = "sk_from_env",
            ["DODO_PAYMENTS_WEBHOOK_KEY"] = "whsec_ZG9kby1zdG9yZWZyb250LXRlc3Qtc2VjcmV0LTAwMDE=",
        });

        Assert.Equal("sk_from_env", options.ApiKey);
        Assert.Equal(new Uri("https://test.dodopayments.com/"), options.ConfiguredBaseAddress());
    }

    [Fact]
    public void Options_LiveModeWithoutKey_FailsValidationWithTheSettingName()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Dodo:Environment"] = "live_mode" }));

        Assert.Contains("Dodo:ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_UnknownEnvironment_FailsValidation()
    {
        Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Dodo:Environment"] = "production",
            ["Dodo:ApiKey"] = "k",
            ["Dodo:WebhookSecret"] = "whsec_ZG9kbw==",
        }));
    }

    [Fact]
    public void Options_WebhookSecretNotBase64_FailsValidation()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Dodo:Environment"] = "test_mode", ["Dodo:ApiKey"] = "k", ["Dodo:WebhookSecret"] = "whsec_not base64!",
        }));

        Assert.Contains("whsec_", error.Message, StringComparison.Ordinal);
    }

    private static DodoOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton(TimeProvider.System);
        services.AddDodoPayments();
        return services.BuildServiceProvider().GetRequiredService<IOptions<DodoOptions>>().Value;
    }
}
