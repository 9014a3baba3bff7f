using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Dodo.Sandbox.Api;

/// <summary>Reads a JSON body strictly enough to answer 422 with a reason for anything malformed.</summary>
internal sealed class RequestBody(JsonObject json)
{
    public JsonObject Json { get; } = json;

    public static async Task<RequestBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw SandboxRequestException.Body("Content-Type must be application/json.");
        }

        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return node is JsonObject obj ? new RequestBody(obj) : throw SandboxRequestException.Body("The body must be a JSON object.");
        }
        catch (JsonException error)
        {
            throw SandboxRequestException.Body("The body is not valid JSON: " + error.Message);
        }
    }

    public string RequiredString(string name) =>
        OptionalString(name) is { Length: > 0 } value ? value : throw SandboxRequestException.Body($"{name} is required.");

    public string? OptionalString(string name) => String(Json, name);

    public bool? OptionalBool(string name) => Bool(Json, name);

    public int OptionalInt(string name, int fallback) => Json[name] switch
    {
        null => fallback,
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        _ => throw SandboxRequestException.Body($"{name} must be an integer."),
    };

    public JsonObject? OptionalObject(string name) => Json[name] switch
    {
        null => null,
        JsonObject obj => obj,
        _ => throw SandboxRequestException.Body($"{name} must be an object."),
    };

    public JsonArray RequiredArray(string name) => Json[name] switch
    {
        JsonArray array when array.Count > 0 => array,
        JsonArray => throw SandboxRequestException.Body($"{name} must not be empty."),
        null => throw SandboxRequestException.Body($"{name} is required."),
        _ => throw SandboxRequestException.Body($"{name} must be an array."),
    };

    /// <summary>Metadata as Dodo takes it: an object of string, number or boolean values.</summary>
    public string MetadataJson(string name = "metadata")
    {
        var metadata = OptionalObject(name);
        if (metadata is null)
        {
            return "{}";
        }

        foreach (var (key, value) in metadata)
        {
            if (value is not JsonValue scalar || scalar.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                throw SandboxRequestException.Body($"metadata.{key} must be a string, number or boolean.");
            }
        }

        return metadata.ToJsonString();
    }

    public static string? String(JsonObject obj, string name) => obj[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw SandboxRequestException.Body($"{name} must be a string."),
    };

    public static bool? Bool(JsonObject obj, string name) => obj[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => throw SandboxRequestException.Body($"{name} must be a boolean."),
    };
}
