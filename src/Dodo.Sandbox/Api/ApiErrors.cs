using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Dodo.Sandbox.Api;

/// <summary>Dodo's error shape <c>{"code", "message"}</c> with the statuses the sandbox uses.</summary>
internal static class ApiErrors
{
    public static IResult Unauthorized() => Error(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "Missing or invalid API key.");

    public static IResult NotFound(string what, string id) => Error(StatusCodes.Status404NotFound, "NOT_FOUND", $"{what} {id} not found.");

    public static IResult InvalidBody(string message) => Error(StatusCodes.Status422UnprocessableEntity, "INVALID_REQUEST_BODY", message);

    public static IResult InvalidParameters(string message) => Error(StatusCodes.Status422UnprocessableEntity, "INVALID_REQUEST_PARAMETERS", message);

    public static IResult InvalidQuery(string message) => Error(StatusCodes.Status422UnprocessableEntity, "INVALID_QUERY_PARAMS", message);

    public static IResult Error(int status, string code, string message) =>
        Results.Json(new JsonObject { ["code"] = code, ["message"] = message }, statusCode: status);
}

/// <summary>A request the sandbox refuses: becomes a 4xx with Dodo's error body, and nothing is changed.</summary>
internal sealed class SandboxRequestException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static SandboxRequestException Invalid(string message) => new(StatusCodes.Status422UnprocessableEntity, "INVALID_REQUEST_PARAMETERS", message);

    public static SandboxRequestException Body(string message) => new(StatusCodes.Status422UnprocessableEntity, "INVALID_REQUEST_BODY", message);

    public static SandboxRequestException NotFound(string what, string id) => new(StatusCodes.Status404NotFound, "NOT_FOUND", $"{what} {id} not found.");

    public IResult ToResult() => ApiErrors.Error(Status, Code, Message);
}
