using System.Text;
using System.Text.RegularExpressions;

namespace Storefront.Testing;

/// <summary>A message as the SMTP server stored it, with its MIME parts decoded (quoted-printable, base64, RFC 2047 subjects).</summary>
public sealed partial record ReceivedEmail(string To, string Subject, string MessageId, string Text, string? Html)
{
    /// <summary>The first web address in the plain-text body (the email's call to action).</summary>
    public Uri Link => new(LinkPattern().Match(Text).Value);

    public static ReceivedEmail Parse(string raw)
    {
        var (headers, body) = Split(raw);
        var parts = new List<(string Type, string Text)>();
        Collect(headers, body, parts);
        return new ReceivedEmail(
            headers.GetValueOrDefault("to", ""), DecodeWords(headers.GetValueOrDefault("subject", "")), headers.GetValueOrDefault("message-id", ""),
            parts.FirstOrDefault(p => p.Type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)).Text ?? "",
            parts.FirstOrDefault(p => p.Type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)).Text);
    }

    private static void Collect(Dictionary<string, string> headers, string body, List<(string, string)> parts)
    {
        var type = headers.GetValueOrDefault("content-type", "text/plain");
        var boundary = BoundaryPattern().Match(type);
        if (type.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) && boundary.Success)
        {
            foreach (var part in body.Split("--" + boundary.Groups[1].Value).Skip(1))
            {
                if (part.StartsWith("--", StringComparison.Ordinal))
                {
                    break;
                }

                var (partHeaders, partBody) = Split(part.TrimStart('\r', '\n'));
                Collect(partHeaders, partBody, parts);
            }

            return;
        }

        parts.Add((type, Decode(body, headers.GetValueOrDefault("content-transfer-encoding", "7bit"))));
    }

    private static (Dictionary<string, string> Headers, string Body) Split(string raw)
    {
        var text = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null)
            {
                headers[last] += " " + line.Trim();
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
            {
                last = line[..colon].Trim().ToLowerInvariant();
                headers[last] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, end < 0 ? "" : text[(end + 2)..]);
    }

    private static string Decode(string body, string encoding) => encoding.Trim().ToLowerInvariant() switch
    {
        "quoted-printable" => QuotedPrintable(body),
        "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))))),
        _ => body,
    };

    private static string QuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        var source = text.Replace("=\n", "", StringComparison.Ordinal);
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '=' && i + 2 < source.Length && Uri.IsHexDigit(source[i + 1]) && Uri.IsHexDigit(source[i + 2]))
            {
                bytes.Add(Convert.ToByte(source.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(source[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string DecodeWords(string header) => EncodedWordPattern().Replace(header, match =>
        match.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(match.Groups[3].Value))
            : QuotedPrintable(match.Groups[3].Value.Replace('_', ' '))).Replace("?= =?", "", StringComparison.Ordinal);

    [GeneratedRegex("boundary=\"?([^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"=\?([^?]+)\?([BQbq])\?([^?]*)\?=\s*")]
    private static partial Regex EncodedWordPattern();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
