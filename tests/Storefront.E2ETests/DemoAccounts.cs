namespace Storefront.E2ETests;

/// <summary>The Development demo accounts (appsettings.Development.json, README).</summary>
internal static class DemoAccounts
{
    public const string CustomerEmail = "customer@storefront.test";
    public const string CustomerPassword = "customer-demo-pass";
    public const string AdminEmail = "admin@storefront.test";
    public const string AdminPassword = "admin-demo-pass";
}
