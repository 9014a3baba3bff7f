using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Storefront.Testing;

namespace Storefront.Web.Tests;

/// <summary>An HTTP client that behaves like a browser with cookies: it can fetch forms and post them back.</summary>
internal sealed partial class StoreClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static StoreClient Create(StorefrontAppFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var form = await Http.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        return await PostFormAsync("/Account/Login", form, new()
        {
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, string formPage, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryToken(formPage);
        using var content = new FormUrlEncodedContent(fields);
        return await Http.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
