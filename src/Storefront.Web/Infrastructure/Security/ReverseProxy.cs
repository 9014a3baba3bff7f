using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Storefront.Web.Infrastructure.Security;

/// <summary>
/// Settings under "ReverseProxy": the proxies whose X-Forwarded-For / X-Forwarded-Proto headers are believed. None by
/// default, so a client cannot claim another IP address (to slip past rate limits) or https (to get cookies marked
/// differently) by sending those headers itself.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Proxy addresses, e.g. ["127.0.0.1"] for nginx on the same machine.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. ["10.0.0.0/8"].</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

internal static class ReverseProxy
{
    public static WebApplicationBuilder AddReverseProxySupport(this WebApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new();
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>Only when proxies are configured; otherwise forwarded headers are ignored entirely.</summary>
    public static IApplicationBuilder UseReverseProxySupport(this WebApplication app)
    {
        var proxies = app.Configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new();
        return proxies.Any ? app.UseForwardedHeaders() : app;
    }
}
