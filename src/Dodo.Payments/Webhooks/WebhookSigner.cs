using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dodo.Payments.Webhooks;

/// <summary>Signs <c>{id}.{timestamp}.{raw body}</c> with HMAC-SHA256, as the Standard Webhooks spec says.</summary>
public sealed class WebhookSigner(string secret)
{
    private readonly byte[] key = WebhookSecret.KeyBytes(secret);

    /// <summary>The <c>webhook-signature</c> header value: "v1," + base64(HMAC).</summary>
    public string Sign(string webhookId, long unixSeconds, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Compute(key, webhookId, unixSeconds.ToString(CultureInfo.InvariantCulture), body));

    internal static byte[] Compute(byte[] key, string webhookId, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, content);
    }
}
