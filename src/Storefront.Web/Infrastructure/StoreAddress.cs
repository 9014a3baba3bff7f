using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Storefront.Web;

/// <summary>
/// The store's public address. Links that leave the store (Dodo's return and cancel URLs, links in emails) are built
/// from Store:PublicBaseUrl so that a forged Host header cannot send a paying customer elsewhere. Only in
/// Development, where it may be left unset, does the address the browser used stand in for it.
/// </summary>
public sealed class StoreAddress(IOptions<StoreOptions> options, IServer server)
{
    private readonly Uri? configured = Parse(options.Value.PublicBaseUrl);

    public Uri? Configured => configured;

    /// <summary>The configured public address, or (Development only) the address of the current request.</summary>
    public Uri BaseFor(Uri requestBase) => configured ?? requestBase;

    /// <summary>For links made with no request at hand (emails from webhooks): the configured address, or in Development the app's own listening address.</summary>
    public Uri Base() => configured ?? ListeningAddress();

    /// <summary>"https://shop.example.com" for a same-origin check, or null when no address is configured.</summary>
    public string? Origin => configured?.GetLeftPart(UriPartial.Authority);

    private Uri ListeningAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)).Uri;
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    internal static Uri? Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new Uri(value.EndsWith('/') ? value : value + "/", UriKind.Absolute);
}

/// <summary>Outside Development: a public address is required, and requests for any other host are refused.</summary>
internal sealed class StoreAddressValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var failures = new List<string>();
        if (options.PublicBaseUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
        {
            failures.Add("Store:PublicBaseUrl must be an absolute http or https address, e.g. https://shop.example.com/.");
        }

        if (!environment.IsDevelopment())
        {
            if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
            {
                failures.Add("Store:PublicBaseUrl is required outside Development: the address customers use (return links and emails are built from it).");
            }

            if (configuration["AllowedHosts"]?.Split(';').Any(h => h.Trim() == "*") == true)
            {
                failures.Add("AllowedHosts must name the store's host names outside Development, not '*' (leave it unset to allow only Store:PublicBaseUrl's host).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal static class StoreAddressRegistration
{
    public static WebApplicationBuilder AddStoreAddress(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<StoreOptions>, StoreAddressValidator>();
        builder.Services.AddSingleton<StoreAddress>();
        if (!builder.Environment.IsDevelopment())
        {
            // Without an explicit AllowedHosts (the web host's default then is "*"), only the public address's host is
            // served; a request for any other host gets 400 from host filtering.
            builder.Services.PostConfigure<HostFilteringOptions>(hosts =>
            {
                if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"])
                    && StoreAddress.Parse(builder.Configuration["Store:PublicBaseUrl"]) is { } publicBase)
                {
                    hosts.AllowedHosts = [publicBase.Host];
                }
            });
        }

        return builder;
    }
}
