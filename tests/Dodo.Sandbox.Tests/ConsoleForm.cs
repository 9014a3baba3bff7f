using System.Net;
using System.Text.RegularExpressions;

namespace Dodo.Sandbox.Tests;

/// <summary>Posts a sandbox console form as a browser would: with the antiforgery token the page it came from carries.</summary>
internal static partial class ConsoleForm
{
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string formPage, Dictionary<string, string> fields)
    {
        var token = TokenPattern().Match(formPage);
        Assert.True(token.Success, "The console form has no antiforgery token.");
        fields[token.Groups[1].Value] = WebUtility.HtmlDecode(token.Groups[2].Value);
        return client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex TokenPattern();
}
