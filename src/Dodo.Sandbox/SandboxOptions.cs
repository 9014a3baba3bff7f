using System.ComponentModel.DataAnnotations;

namespace Dodo.Sandbox;

/// <summary>Settings under "DodoSandbox" for the offline Dodo.</summary>
public sealed class SandboxOptions
{
    public const string Section = "DodoSandbox";

    /// <summary>The documented development key; the store's Dodo:ApiKey defaults to it in sandbox mode.</summary>
    public const string DevelopmentApiKey = "sk_sandbox_storefront_development_key";

    /// <summary>The documented development webhook secret ("whsec_" + base64 of "storefront-sandbox-webhook-key!!").</summary>
    public const string DevelopmentWebhookSecret = "whsec_c3RvcmVmcm9udC1zYW5kYm94LXdlYmhvb2sta2V5ISE=";

    public const string BusinessId = "bus_SandboxStorefront0001";

    public const string BrandId = "brd_SandboxStorefront0001";

    /// <summary>
    /// The sandbox runs outside Development only when this is true (a demo deployment; every page then says it is a
    /// test store). The host enforces it; here it is only bound so it is documented with the other settings.
    /// </summary>
    public bool AllowOutsideDevelopment { get; set; }

    /// <summary>Where the sandbox is mounted in the host, e.g. "/sandbox/dodo".</summary>
    [Required] public string PathPrefix { get; set; } = "/sandbox/dodo";

    [Required] public string ApiKey { get; set; } = DevelopmentApiKey;

    [Required] public string WebhookSecret { get; set; } = DevelopmentWebhookSecret;

    /// <summary>
    /// The address browsers and the store reach the host at (a demo deployment behind a proxy): checkout pages, the API
    /// and the default webhook target are built from it. Empty = the host's first listening address.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Where webhooks are sent; empty = the host's own /webhooks/dodo.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The sandbox's own SQLite file (it stands for Dodo's database, not the store's).</summary>
    public string? DatabasePath { get; set; }

    /// <summary>
    /// Dodo retries a failed delivery after 0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. The sandbox multiplies
    /// those delays by this factor (default: one hour becomes one minute).
    /// </summary>
    [Range(0.0, 1.0)] public double WebhookRetryTimeScale { get; set; } = 1.0 / 60;

    /// <summary>
    /// How long a one-click (saved card) one-time payment stays <c>processing</c> before it succeeds or fails, and a
    /// refund <c>pending</c>. Dodo's charges settle asynchronously; the store must never read "not yet" as "no".
    /// </summary>
    [Range(0, 60_000)] public int SettlementDelayMilliseconds { get; set; } = 300;

    /// <summary>How long (sandbox clock) a payment waits for the customer's 3-D Secure step before it is cancelled.</summary>
    [Range(1, 1440)] public int CustomerActionMinutes { get; set; } = 15;

    /// <summary>Dodo gives an endpoint 15 s to answer 2xx.</summary>
    [Range(1, 60)] public int WebhookTimeoutSeconds { get; set; } = 15;
}
