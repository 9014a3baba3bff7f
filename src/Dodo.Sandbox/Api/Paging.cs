using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Dodo.Sandbox.Api;

/// <summary>Dodo's list paging: page_number from 0, page_size 1–100 (default 10); the answer is only {items}.</summary>
internal readonly record struct Paging(int Number, int Size)
{
    public static Paging Read(HttpRequest request)
    {
        var number = Int(request, "page_number", 0);
        var size = Int(request, "page_size", 10);
        if (number < 0 || size is < 1 or > 100)
        {
            throw new SandboxRequestException(StatusCodes.Status422UnprocessableEntity, "INVALID_QUERY_PARAMS",
                "page_number must be 0 or more and page_size between 1 and 100.");
        }

        return new Paging(number, size);
    }

    public IQueryable<T> Apply<T>(IQueryable<T> query) => query.Skip(Number * Size).Take(Size);

    public static DateTime? Time(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.UtcDateTime
            : throw new SandboxRequestException(StatusCodes.Status422UnprocessableEntity, "INVALID_QUERY_PARAMS", $"{name} must be an RFC 3339 timestamp.");
    }

    public static bool? Bool(HttpRequest request, string name) => request.Query[name].ToString() switch
    {
        "" => null,
        "true" => true,
        "false" => false,
        _ => throw new SandboxRequestException(StatusCodes.Status422UnprocessableEntity, "INVALID_QUERY_PARAMS", $"{name} must be true or false."),
    };

    private static int Int(HttpRequest request, string name, int fallback)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new SandboxRequestException(StatusCodes.Status422UnprocessableEntity, "INVALID_QUERY_PARAMS", $"{name} must be an integer.");
    }
}
