using System.Security.Cryptography;
using System.Text;
using Dodo.Sandbox.Control;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Dodo.Sandbox.Api;

/// <summary>
/// In front of every API call: the Bearer key check (401 otherwise, nothing changed), then any faults a test has
/// switched on (latency, a 500 that does nothing).
/// </summary>
internal sealed class ApiKeyAndFaultsFilter(IOptions<SandboxOptions> options, SandboxControls controls) : IEndpointFilter
{
    private readonly byte[] expected = Encoding.UTF8.GetBytes("Bearer " + options.Value.ApiKey);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), expected))
        {
            return ApiErrors.Unauthorized();
        }

        if (controls.LatencyMilliseconds > 0)
        {
            await Task.Delay(controls.LatencyMilliseconds, context.HttpContext.RequestAborted);
        }

        if (controls.TakeFailure())
        {
            return ApiErrors.Error(StatusCodes.Status500InternalServerError, "INTERNAL_SERVER_ERROR", "Injected sandbox fault.");
        }

        return await next(context);
    }
}

/// <summary>
/// On money-moving calls, when a test asked for it: a 500 before anything is done; or the charge is carried out and
/// saved, then the connection is dropped before the answer (the client sees no answer) or a 500 is answered (the
/// client sees a server error) although Dodo charged.
/// </summary>
internal sealed class DropAfterChargeFilter(SandboxControls controls) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (controls.TakeFailCharge())
        {
            return ApiErrors.Error(StatusCodes.Status500InternalServerError, "INTERNAL_SERVER_ERROR", "Injected sandbox fault before the charge.");
        }

        var result = await next(context);
        if (controls.TakeDropAfterCharge())
        {
            context.HttpContext.Abort();
        }
        else if (controls.TakeFailAfterCharge())
        {
            return ApiErrors.Error(StatusCodes.Status500InternalServerError, "INTERNAL_SERVER_ERROR", "Injected sandbox fault after the charge.");
        }

        return result;
    }
}
