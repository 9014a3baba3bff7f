using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Storefront.Web.Features.Audit;

/// <summary>One field as an admin reads it in the audit: "Headline: Old text → New text".</summary>
public sealed record AuditChange(string Field, string? Before, string? After)
{
    public override string ToString() => (Before, After) switch
    {
        (null, _) => $"{Field}: {After}",
        (_, null) => $"{Field}: {Before} (removed)",
        _ => $"{Field}: {Before} → {After}",
    };
}

/// <summary>Turns an audit entry's before and after records (JSON) into the fields that changed, in words.</summary>
public static class AuditChanges
{
    public static IReadOnlyList<AuditChange> Describe(string? before, string? after)
    {
        var old = Fields(before);
        var now = Fields(after);
        return old.Keys.Union(now.Keys)
            .Select(name => new AuditChange(Words(name), old.GetValueOrDefault(name), now.GetValueOrDefault(name)))
            .Where(change => change.Before != change.After)
            .ToList();
    }

    private static Dictionary<string, string?> Fields(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => Text(p.Value), StringComparer.Ordinal)
            : new Dictionary<string, string?> { ["Value"] = Text(document.RootElement) };
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Number or JsonValueKind.Array or JsonValueKind.Object => value.GetRawText(),
    };

    /// <summary>"OfferProductId" → "Offer product id".</summary>
    private static string Words(string name)
    {
        var words = new StringBuilder();
        foreach (var (c, i) in name.Select((c, i) => (c, i)))
        {
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]))
            {
                words.Append(' ').Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else
            {
                words.Append(i == 0 ? char.ToUpper(c, CultureInfo.InvariantCulture) : c);
            }
        }

        return words.ToString();
    }
}
