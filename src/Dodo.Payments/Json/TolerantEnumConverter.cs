using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dodo.Payments.Json;

/// <summary>
/// Reads Dodo's enum strings into a C# enum; a value Dodo adds later becomes the enum's zero member ("Unknown")
/// instead of an exception. Wire names come from [JsonStringEnumMemberName] or the member name in snake_case.
/// </summary>
public sealed class TolerantEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> FromWire = new(StringComparer.Ordinal);
    private static readonly Dictionary<TEnum, string> ToWire = new();

    static TolerantEnumConverter()
    {
        foreach (var field in typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var value = (TEnum)field.GetValue(null)!;
            var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(field.Name);
            FromWire[name] = value;
            ToWire[value] = name;
        }
    }

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(TEnum).Name}.");
        }

        return FromWire.TryGetValue(reader.GetString()!, out var value) ? value : default;
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ToWire.TryGetValue(value, out var name)
            ? name
            : throw new JsonException($"{typeof(TEnum).Name}.{value} has no wire name and cannot be sent."));

    public static string WireName(TEnum value) => ToWire[value];

    /// <summary>The member for a wire name; an unknown name is the zero member, as when reading JSON.</summary>
    public static TEnum FromWireName(string name) => FromWire.TryGetValue(name, out var value) ? value : default;
}
