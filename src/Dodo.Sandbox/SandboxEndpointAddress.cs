using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Dodo.Sandbox;

/// <summary>
/// The sandbox lives inside the store's process, so its public address is the host's own: the API base URL the
/// store's client calls, the checkout page URL it hands to customers, and the default webhook target. Behind a proxy
/// that is <see cref="SandboxOptions.PublicBaseUrl"/>; otherwise the first listening address.
/// </summary>
public sealed class SandboxEndpointAddress(IServer server, IOptions<SandboxOptions> options)
{
    /// <summary>The configured public address, else the host's first listening address with wildcard hosts turned into loopback.</summary>
    public Uri HostAddress()
    {
        if (Uri.TryCreate(options.Value.PublicBaseUrl, UriKind.Absolute, out var configured))
        {
            return new Uri(configured.GetLeftPart(UriPartial.Authority) + "/");
        }

        // An in-memory test server has no socket address; it answers as http://localhost.
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        var builder = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal));
        return new Uri(builder.Uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    public Uri ApiBaseAddress() => new(HostAddress(), options.Value.PathPrefix.Trim('/') + "/");

    public Uri CheckoutUrl(string sessionId) => new(ApiBaseAddress(), "checkout/" + sessionId);

    public Uri PortalUrl(string token) => new(ApiBaseAddress(), "portal/" + token);

    /// <summary>The bank's 3-D Secure page for a one-click payment that needs the customer (<see cref="Checkout.Authentication"/>).</summary>
    public Uri AuthenticationUrl(string paymentId) => new(ApiBaseAddress(), "authenticate/" + paymentId);

    public Uri WebhookUrl() => string.IsNullOrWhiteSpace(options.Value.WebhookUrl)
        ? new Uri(HostAddress(), "webhooks/dodo")
        : new Uri(options.Value.WebhookUrl);
}
