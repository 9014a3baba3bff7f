namespace Storefront.Web.Identity;

public static class Roles
{
    public const string Customer = "Customer";
    public const string Admin = "Admin";
}

public static class Policies
{
    /// <summary>Every page under /admin and every admin API requires this policy.</summary>
    public const string Admin = "Admin";
}
