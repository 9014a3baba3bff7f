using System.Globalization;
using System.Security.Cryptography;

namespace Dodo.Payments.Webhooks;

public enum WebhookVerification
{
    Valid = 0,
    MissingHeaders,
    MalformedTimestamp,
    TimestampOutOfTolerance,
    NoMatchingSignature,
}

/// <summary>
/// Verifies Standard Webhooks signatures over the exact bytes received. The signature header may hold several
/// space-separated "version,base64" entries (key rotation): any matching "v1" passes, other versions are ignored,
/// malformed entries are skipped without an exception. Comparison is constant-time. Timestamps more than
/// <see cref="Tolerance"/> away from the clock are refused (replay protection).
/// </summary>
public sealed class WebhookVerifier(string secret, TimeProvider clock, TimeSpan? tolerance = null)
{
    private readonly byte[] key = WebhookSecret.KeyBytes(secret);

    public TimeSpan Tolerance { get; } = tolerance ?? TimeSpan.FromSeconds(300);

    public WebhookVerification Verify(string? webhookId, string? timestamp, string? signatureHeader, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureHeader))
        {
            return WebhookVerification.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookVerification.MalformedTimestamp;
        }

        if (Tolerance != Timeout.InfiniteTimeSpan)
        {
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            if (Math.Abs(now - seconds) > (long)Tolerance.TotalSeconds)
            {
                return WebhookVerification.TimestampOutOfTolerance;
            }
        }

        var expected = WebhookSigner.Compute(key, webhookId, timestamp, body);
        Span<byte> candidate = stackalloc byte[64];
        foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma <= 0 || entry.AsSpan(0, comma) is not "v1")
            {
                continue;
            }

            if (Convert.TryFromBase64String(entry[(comma + 1)..], candidate, out var written)
                && CryptographicOperations.FixedTimeEquals(candidate[..written], expected))
            {
                return WebhookVerification.Valid;
            }
        }

        return WebhookVerification.NoMatchingSignature;
    }
}
