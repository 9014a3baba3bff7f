namespace Storefront.Web.Features.Admin;

/// <summary>What the admin CSV exports share.</summary>
internal static class Csv
{
    /// <summary>A text field, quoted with its quotes doubled (RFC 4180), so commas and quotes in names stay in their column.</summary>
    public static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
