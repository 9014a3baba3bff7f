using System.Security.Cryptography;

namespace Dodo.Sandbox;

/// <summary>Dodo-shaped ids: a prefix ("cus_", "pay_", …) and 22 base62 characters.</summary>
internal static class SandboxIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix) => prefix + RandomNumberGenerator.GetString(Alphabet, 22);

    public static string Customer() => New("cus_");

    public static string Payment() => New("pay_");

    public static string Subscription() => New("sub_");

    public static string CheckoutSession() => New("cks_");

    public static string PaymentMethod() => New("pm_");

    public static string WebhookMessage() => New("msg_");

    public static string ScheduledChange() => New("sch_");

    public static string Discount() => New("dsc_");

    public static string LicenseKey() => New("lic_");

    public static string LicenseKeyInstance() => New("lki_");

    /// <summary>Dodo generates a random 16-character uppercase code when none is given.</summary>
    public static string DiscountCode() => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 16);
}
