using System.ComponentModel.DataAnnotations;

namespace Dodo.Payments;

/// <summary>
/// Settings under "Dodo". Dodo's own SDK variables are honoured too when the setting is empty:
/// DODO_PAYMENTS_API_KEY, DODO_PAYMENTS_WEBHOOK_KEY, DODO_PAYMENTS_BASE_URL.
/// </summary>
public sealed class DodoOptions
{
    public const string Section = "Dodo";

    public const string Sandbox = "sandbox";
    public const string TestMode = "test_mode";
    public const string LiveMode = "live_mode";

    /// <summary>
    /// <c>test_mode</c> or <c>live_mode</c> for the real Dodo, or <c>sandbox</c> for the offline test double. No default:
    /// the host decides (the store's Development settings choose the sandbox; anywhere else it must be said).
    /// </summary>
    [Required(ErrorMessage = "Dodo:Environment is required: test_mode or live_mode (with Dodo:ApiKey and Dodo:WebhookSecret).")]
    [RegularExpression("^(sandbox|test_mode|live_mode)$", ErrorMessage = "Dodo:Environment must be sandbox, test_mode or live_mode.")]
    public string? Environment { get; set; }

    /// <summary>Bearer key; per mode at Dodo (a test key only works on the test host).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The endpoint's "whsec_…" secret used to verify webhook signatures.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Overrides the host chosen by <see cref="Environment"/>.</summary>
    [Url]
    public string? BaseUrl { get; set; }

    /// <summary>Per-request timeout. A money-moving POST that times out is settled by a lookup, never re-sent.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How many times a failed GET is retried (connection errors, 408, 429, 5xx). POSTs are never retried.</summary>
    [Range(0, 5)]
    public int GetRetries { get; set; } = 2;

    /// <summary>How far a webhook's timestamp may be from our clock (Standard Webhooks reference: 300 s).</summary>
    [Range(1, 3600)]
    public int WebhookToleranceSeconds { get; set; } = 300;

    public bool IsSandbox => Environment == Sandbox;

    /// <summary>The real Dodo host for the mode, or the override.</summary>
    public Uri? ConfiguredBaseAddress() => Environment switch
    {
        _ when !string.IsNullOrWhiteSpace(BaseUrl) => new Uri(BaseUrl.TrimEnd('/') + "/"),
        TestMode => new Uri("https://test.dodopayments.com/"),
        LiveMode => new Uri("https://live.dodopayments.com/"),
        _ => null,
    };
}
