namespace Dodo.Payments.Webhooks;

/// <summary>
/// A Standard Webhooks secret: "whsec_" + base64 of the key bytes. The HMAC key is the decoded bytes, not the
/// UTF-8 of the string (the mistake the README's "wrong" vector shows). A secret without the prefix is accepted.
/// </summary>
public static class WebhookSecret
{
    private const string Prefix = "whsec_";

    public static byte[] KeyBytes(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var encoded = secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret;
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException error)
        {
            throw new FormatException("The webhook secret is not 'whsec_' followed by base64.", error);
        }
    }

    public static string FromKeyBytes(ReadOnlySpan<byte> key) => Prefix + Convert.ToBase64String(key);
}
