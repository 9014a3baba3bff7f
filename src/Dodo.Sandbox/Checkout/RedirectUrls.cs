using Dodo.Sandbox.Api;

namespace Dodo.Sandbox.Checkout;

/// <summary>
/// Where the hosted pages send the customer afterwards. Only absolute http or https addresses are taken, as Dodo
/// takes them: anything else (<c>javascript:</c>, <c>data:</c>, a relative path) is refused with 422 and nothing is
/// created, so the page can never render a script link on the store's origin.
/// </summary>
internal static class RedirectUrls
{
    public static string? Validate(RequestBody body, string field)
    {
        var value = body.OptionalString(field);
        if (value is not null && !IsWebAddress(value))
        {
            throw SandboxRequestException.Body($"{field} must be an absolute http or https URL.");
        }

        return value;
    }

    public static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host);
}
