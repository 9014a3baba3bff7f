using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Dodo.Sandbox.Control;

/// <summary>
/// The console is behind the sandbox's API key, like the control API. A person types the key once; the console then
/// keeps a cookie holding an HMAC of the key (never the key itself), scoped to the console's path, HttpOnly and
/// SameSite=Strict. Every console form also carries an antiforgery token.
/// </summary>
internal sealed class ConsoleAccess(IOptions<SandboxOptions> options, IAntiforgery antiforgery)
{
    public const string CookieName = "dodo_sandbox_console";

    public string ConsolePath => options.Value.PathPrefix.TrimEnd('/') + "/console";

    public bool IsSignedIn(HttpContext http) =>
        http.Request.Cookies.TryGetValue(CookieName, out var value)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), Encoding.UTF8.GetBytes(CookieValue()));

    public bool KeyMatches(string? typed) =>
        typed is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(typed.Trim()), Encoding.UTF8.GetBytes(options.Value.ApiKey));

    public void SignIn(HttpContext http) => http.Response.Cookies.Append(CookieName, CookieValue(), new CookieOptions
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = ConsolePath,
        IsEssential = true,
    });

    /// <summary>The hidden field every console form carries.</summary>
    public string AntiforgeryField(HttpContext http)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{System.Net.WebUtility.HtmlEncode(tokens.RequestToken)}\">";
    }

    public Task<bool> IsFormValidAsync(HttpContext http) => antiforgery.IsRequestValidAsync(http);

    private string CookieValue() => Convert.ToBase64String(
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey), Encoding.UTF8.GetBytes("sandbox-console")));
}
