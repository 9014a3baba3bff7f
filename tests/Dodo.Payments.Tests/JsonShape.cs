using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dodo.Payments.Tests;

/// <summary>Compares the shape of two JSON documents: the same keys at every level and the same value kinds.</summary>
internal static class JsonShape
{
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var differences = new List<string>();
        Compare(expected, actual, path, differences);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        if (expected is null || actual is null)
        {
            if ((expected is null) != (actual is null))
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
                        Compare(obj[key], other[key], $"{path}.{key}", differences);
                    }
                }

                break;
            case JsonArray array when array.Count > 0 && actual.AsArray().Count > 0:
                Compare(array[0], actual.AsArray()[0], path + "[0]", differences);
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
