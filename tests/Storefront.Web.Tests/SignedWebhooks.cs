using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Dodo.Payments.Webhooks;
using Dodo.Sandbox;
using Storefront.Testing;

namespace Storefront.Web.Tests;

/// <summary>Posts webhooks to the store signed as Dodo (the sandbox's development secret) would sign them.</summary>
internal static class SignedWebhooks
{
    private static readonly WebhookSigner Signer = new(SandboxOptions.DevelopmentWebhookSecret);

    public static HttpRequestMessage Request(string body, string? webhookId = null, DateTimeOffset? at = null, string? signature = null)
    {
        webhookId ??= "msg_test" + Guid.NewGuid().ToString("N");
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/dodo") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature ?? Signer.Sign(webhookId, timestamp, bytes));
        return request;
    }

    /// <summary>A fixture event with its data pointed at our records.</summary>
    public static string Fixture(string name, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(Fixtures.Read(name))!.AsObject();
        edit(json);
        return json.ToJsonString();
    }
}
