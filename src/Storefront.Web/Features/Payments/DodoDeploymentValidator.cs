using Dodo.Payments;
using Dodo.Sandbox;
using Microsoft.Extensions.Options;

namespace Storefront.Web.Features.Payments;

/// <summary>
/// Refuses to start a store that would take payments through the wrong Dodo. Outside Development the store must be
/// told where real Dodo is (test_mode or live_mode with a key and a webhook secret); the offline sandbox is allowed
/// there only for a demo deployment that opts in with DodoSandbox:AllowOutsideDevelopment=true, and never with the
/// sandbox's published development key or secret, which anyone can read in the README.
/// </summary>
internal sealed class DodoDeploymentValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<DodoOptions>
{
    public const string AllowOutsideDevelopmentKey = SandboxOptions.Section + ":AllowOutsideDevelopment";

    public static bool SandboxAllowedOutsideDevelopment(IConfiguration configuration) =>
        string.Equals(configuration[AllowOutsideDevelopmentKey], "true", StringComparison.OrdinalIgnoreCase);

    public ValidateOptionsResult Validate(string? name, DodoOptions options)
    {
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.IsSandbox && !SandboxAllowedOutsideDevelopment(configuration))
        {
            failures.Add($"Dodo:Environment=sandbox is the offline test double and takes no real payments. Outside Development set " +
                $"Dodo:Environment to test_mode or live_mode, or set {AllowOutsideDevelopmentKey}=true for a demo store.");
        }

        if (options.ApiKey == SandboxOptions.DevelopmentApiKey)
        {
            failures.Add("Dodo:ApiKey is the sandbox's published development key; outside Development use a key of your own.");
        }

        if (options.WebhookSecret == SandboxOptions.DevelopmentWebhookSecret)
        {
            failures.Add("Dodo:WebhookSecret is the sandbox's published development secret; outside Development use a secret of your own.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
