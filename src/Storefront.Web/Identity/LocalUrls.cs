namespace Storefront.Web.Identity;

/// <summary>Return URLs after sign-in, registration and sign-out: only paths on this store, anything else is "/".</summary>
public static class LocalUrls
{
    /// <summary>The URL as a base-relative path when it points into this store; otherwise "" (the home page).</summary>
    public static string LocalOrHome(string? url, Uri? storeBase = null)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "";
        }

        if (storeBase is not null && Uri.TryCreate(url, UriKind.Absolute, out var absolute)
            && absolute.Scheme is "http" or "https" && storeBase.IsBaseOf(absolute))
        {
            return storeBase.MakeRelativeUri(absolute).ToString();
        }

        // A relative path, but not "//host" or "/\host" (both mean another host to a browser), and no scheme.
        var isLocal = Uri.IsWellFormedUriString(url, UriKind.Relative)
            && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal) && !url.Contains(':', StringComparison.Ordinal);
        return isLocal ? url.TrimStart('/') : "";
    }
}
