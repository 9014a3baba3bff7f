using System.Text;
using Dodo.Payments.Webhooks;

namespace Dodo.Payments.Tests;

public sealed class WebhookVerifierTests
{
    // The README's test vector (shared/dodo-api/README.md §9).
    private const string Secret = "whsec_ZG9kby1zdG9yZWZyb250LXRlc3Qtc2VjcmV0LTAwMDE=";
    private const string Id = "msg_2xYtestWebhook0001";
    private const string Timestamp = "1788255676";
    private const string Body = """{"business_id":"bus_7Hc2Lq9WvX4pRz1Kd8NfT","type":"payment.succeeded","timestamp":"2026-09-01T09:41:16Z","data":{"payload_type":"Payment","payment_id":"pay_7Pm2Xq9Lw4Zk8Vr1Tn5Cb","status":"succeeded"}}""";
    private const string Signature = "v1,u2ORnpN0W2OE7XmDy/cQpOkdMsNRzYtLNcQ+wSTpVtw=";
    private const string SignatureWithUtf8Key = "v1,vBKck1wHm+Y6MEn7J3aQnYlg8/w1qmv9Nnt3QvrGqnc=";

    private static readonly FixedClock AtVectorTime = new(DateTimeOffset.FromUnixTimeSeconds(1788255676));

    [Fact]
    public void Verify_ReadmeTestVector_IsValid()
    {
        var verifier = new WebhookVerifier(Secret, AtVectorTime, Timeout.InfiniteTimeSpan);

        Assert.Equal(WebhookVerification.Valid, verifier.Verify(Id, Timestamp, Signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Verify_SignatureMadeWithTheSecretStringAsKey_IsRejected()
    {
        var verifier = new WebhookVerifier(Secret, AtVectorTime);

        Assert.Equal(WebhookVerification.NoMatchingSignature, verifier.Verify(Id, Timestamp, SignatureWithUtf8Key, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Verify_BodyChangedByOneByte_IsRejected()
    {
        var verifier = new WebhookVerifier(Secret, AtVectorTime);
        var tampered = Encoding.UTF8.GetBytes(Body.Replace("succeeded\"}", "succeeded\" }", StringComparison.Ordinal));

        Assert.Equal(WebhookVerification.NoMatchingSignature, verifier.Verify(Id, Timestamp, Signature, tampered));
    }

    [Fact]
    public void Verify_SeveralEntriesOneValid_PassesAndIgnoresOtherVersionsAndMalformedEntries()
    {
        var verifier = new WebhookVerifier(Secret, AtVectorTime);
        var header = $"v1a,ignoredAsymmetric= garbage v1,not-base64!! v1,AAAA {Signature}";

        Assert.Equal(WebhookVerification.Valid, verifier.Verify(Id, Timestamp, header, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Verify_OnlyNonV1Entries_IsRejected()
    {
        var verifier = new WebhookVerifier(Secret, AtVectorTime);

        Assert.Equal(WebhookVerification.NoMatchingSignature,
            verifier.Verify(Id, Timestamp, Signature.Replace("v1,", "v2,", StringComparison.Ordinal), Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(null, Timestamp, Signature)]
    [InlineData(Id, null, Signature)]
    [InlineData(Id, Timestamp, null)]
    [InlineData(Id, Timestamp, "")]
    public void Verify_MissingHeader_IsRejected(string? id, string? timestamp, string? signature)
    {
        var verifier = new WebhookVerifier(Secret, AtVectorTime);

        Assert.Equal(WebhookVerification.MissingHeaders, verifier.Verify(id, timestamp, signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Verify_TimestampNotANumber_IsRejectedWithoutException()
    {
        var verifier = new WebhookVerifier(Secret, AtVectorTime);

        Assert.Equal(WebhookVerification.MalformedTimestamp, verifier.Verify(Id, "yesterday", Signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(301, WebhookVerification.TimestampOutOfTolerance)]
    [InlineData(-301, WebhookVerification.TimestampOutOfTolerance)]
    [InlineData(300, WebhookVerification.Valid)]
    [InlineData(-300, WebhookVerification.Valid)]
    public void Verify_ClockSkew_AcceptsWithin300SecondsOnly(int skewSeconds, WebhookVerification expected)
    {
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1788255676 + skewSeconds));
        var verifier = new WebhookVerifier(Secret, clock);

        Assert.Equal(expected, verifier.Verify(Id, Timestamp, Signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void Sign_ThenVerify_RoundTrips()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":"payment.failed"}""");
        var signature = new WebhookSigner(Secret).Sign("msg_1", 1788255676, body);

        Assert.Equal(WebhookVerification.Valid, new WebhookVerifier(Secret, AtVectorTime).Verify("msg_1", "1788255676", signature, body));
    }

    [Fact]
    public void Sign_ReadmeVector_ProducesTheDocumentedSignature()
    {
        Assert.Equal(Signature, new WebhookSigner(Secret).Sign(Id, 1788255676, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void KeyBytes_SecretWithoutPrefix_IsAccepted()
    {
        Assert.Equal(WebhookSecret.KeyBytes(Secret), WebhookSecret.KeyBytes(Secret["whsec_".Length..]));
        Assert.Equal("dodo-storefront-test-secret-0001", Encoding.ASCII.GetString(WebhookSecret.KeyBytes(Secret)));
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
