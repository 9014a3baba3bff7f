using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dodo.Payments.Tests;

/// <summary>Compares the shape of two JSON documents: the same keys at every level and the same value kinds.</summary>
public static class JsonShape
{
    /// <param name="nullMatchesAnything">Optional fields may be null on one side and set on the other (Dodo's
    /// convention); the keys must still be the same.</param>
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, bool nullMatchesAnything = false)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", differences, nullMatchesAnything);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences, bool nullMatchesAnything)
    {
        if (expected is null || actual is null)
        {
            if ((expected is null) != (actual is null) && !nullMatchesAnything)
            {
                differences.Add($"{path}: expected {Kind(expected)}, got {Kind(actual)}");
            }

            return;
        }

        if (Kind(expected) != Kind(actual))
        {
            differences.Add($"{path}: expected {Kind(expected)}, got {Kind(actual)}");
            return;
        }

        switch (expected)
        {
            case JsonObject when path.EndsWith(".metadata", StringComparison.Ordinal):
                // Metadata holds the merchant's own keys, not Dodo's fields.
                break;
            case JsonObject obj:
                var other = actual.AsObject();
                foreach (var key in obj.Select(p => p.Key).Union(other.Select(p => p.Key)))
                {
                    if (!obj.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: not expected");
                    }
                    else if (!other.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: missing");
                    }
                    else
                    {
                        Compare(obj[key], other[key], $"{path}.{key}", differences, nullMatchesAnything);
                    }
                }

                break;
            case JsonArray array when array.Count > 0 && actual.AsArray().Count > 0:
                Compare(array[0], actual.AsArray()[0], path + "[0]", differences, nullMatchesAnything);
                break;
        }
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.True or JsonValueKind.False => "boolean",
            var kind => kind.ToString().ToLowerInvariant(),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
