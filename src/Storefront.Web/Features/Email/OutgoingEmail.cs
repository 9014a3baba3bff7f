using System.Net;
using System.Text;

namespace Storefront.Web.Features.Email;

/// <summary>
/// One email's words: a subject, paragraphs and at most one call to action (a link). Rendered as plain text and as
/// simple HTML with the store's name and support address; no images and no tracking.
/// </summary>
public sealed record OutgoingEmail(string To, string Subject, IReadOnlyList<string> Paragraphs, (string Text, Uri Url)? Action = null)
{
    public string Text(string storeName, string supportEmail)
    {
        var text = new StringBuilder();
        foreach (var paragraph in Paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }

        if (Action is { } action)
        {
            text.Append(action.Text).Append(":\n").Append(action.Url).Append("\n\n");
        }

        text.Append("— ").Append(storeName).Append('\n').Append("Questions? Write to ").Append(supportEmail).Append('\n');
        return text.ToString();
    }

    public string Html(string storeName, string supportEmail)
    {
        static string E(string value) => WebUtility.HtmlEncode(value);
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:system-ui,sans-serif;color:#1d2330;max-width:560px\">");
        foreach (var paragraph in Paragraphs)
        {
            html.Append("<p>").Append(E(paragraph)).Append("</p>");
        }

        if (Action is { } action)
        {
            html.Append("<p><a href=\"").Append(E(action.Url.ToString())).Append("\" style=\"display:inline-block;padding:10px 16px;background:#0b6e4f;color:#fff;border-radius:6px;text-decoration:none\">")
                .Append(E(action.Text)).Append("</a></p><p style=\"font-size:.85em;color:#555\">Or open this address: ").Append(E(action.Url.ToString())).Append("</p>");
        }

        html.Append("<p style=\"font-size:.85em;color:#555\">— ").Append(E(storeName)).Append(". Questions? Write to <a href=\"mailto:")
            .Append(E(supportEmail)).Append("\">").Append(E(supportEmail)).Append("</a>.</p></body></html>");
        return html.ToString();
    }
}
