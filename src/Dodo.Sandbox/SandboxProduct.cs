namespace Dodo.Sandbox;

/// <summary>A product the host asks the sandbox to have (the same catalog the store shows, with Dodo-shaped ids).</summary>
public sealed record SandboxProduct(
    string ProductId,
    string Name,
    string? Description,
    bool IsRecurring,
    long Price,
    string Currency,
    string? Interval,
    string TaxCategory = "digital_products",
    int TermCount = 10,
    string TermInterval = "Year",
    int? LicenseKeyActivationsLimit = null,
    int TrialPeriodDays = 0);

/// <summary>The products the sandbox seeds at start-up.</summary>
public sealed record SandboxCatalog(IReadOnlyList<SandboxProduct> Products);
