using System.Net;

namespace Dodo.Payments;

/// <summary>Dodo answered with an error: the HTTP status plus Dodo's <c>code</c> and <c>message</c>.</summary>
public sealed class DodoApiException(HttpStatusCode status, string? code, string message)
    : Exception($"Dodo answered {(int)status} {code}: {message}")
{
    public HttpStatusCode Status { get; } = status;

    public string? Code { get; } = code;

    public string DodoMessage { get; } = message;

    public bool IsNotFound => Status == HttpStatusCode.NotFound;
}

/// <summary>
/// A request that can move money got no answer (timeout, dropped connection). Dodo may or may not have acted:
/// the caller settles it by looking the payment up, never by sending it again.
/// </summary>
public sealed class DodoUnknownOutcomeException(string operation, Exception inner)
    : Exception($"No answer from Dodo for {operation}; the outcome is unknown until looked up.", inner)
{
    public string Operation { get; } = operation;
}

public static class DodoFailures
{
    /// <summary>
    /// Dodo refused, did not answer, or could not be reached: for a read or a call that moves no money, the caller
    /// shows what it can without Dodo. (A money-moving call must tell a refusal from an unknown outcome instead.)
    /// </summary>
    public static bool IsDodoFailure(this Exception exception) =>
        exception is DodoApiException or DodoUnknownOutcomeException or HttpRequestException;
}
