using Microsoft.AspNetCore.WebUtilities;
using Storefront.Web.Data;
using Storefront.Web.Features.Email;

namespace Storefront.Web.Identity;

/// <summary>
/// The emails behind registration and password reset. The pages answer the same whatever the address; these emails
/// are where the real owner learns what happened (a link to confirm, to reset, or "you already have an account").
/// Links use the store's public address, never the request's Host header.
/// </summary>
public sealed class AccountEmails(EmailQueue emails, StoreAddress address)
{
    public Task ConfirmAccountAsync(ApplicationUser user, string token, Uri requestBase, CancellationToken cancellationToken) =>
        SendAsync(new OutgoingEmail(user.Email!, "Confirm your email address",
            [$"Hello {user.DisplayName ?? user.Email},", "Thanks for creating an account. Confirm this is your email address to start using it."],
            ("Confirm my email address", Link(requestBase, "Account/ConfirmEmail", new() { ["userId"] = user.Id, ["code"] = Encode(token) }))),
            "confirm", cancellationToken);

    public Task AlreadyRegisteredAsync(string email, Uri requestBase, CancellationToken cancellationToken) =>
        SendAsync(new OutgoingEmail(email, "You already have an account",
            ["Someone, probably you, tried to create an account with this email address. You already have one, so nothing was changed.",
             "If it was you, sign in. If you forgot your password, you can reset it from the sign-in page. If it wasn't you, you can ignore this email."],
            ("Sign in", Link(requestBase, "Account/Login", []))),
            "already-registered", cancellationToken);

    public Task ResetPasswordAsync(ApplicationUser user, string token, Uri requestBase, CancellationToken cancellationToken) =>
        SendAsync(new OutgoingEmail(user.Email!, "Reset your password",
            ["Someone, probably you, asked to reset the password for this account. The link works for two hours.",
             "If it wasn't you, ignore this email: your password stays as it is."],
            ("Choose a new password", Link(requestBase, "Account/ResetPassword", new() { ["code"] = Encode(token) }))),
            "reset", cancellationToken);

    public Task NoAccountAsync(string email, Uri requestBase, CancellationToken cancellationToken) =>
        SendAsync(new OutgoingEmail(email, "Password reset request",
            ["Someone asked to reset the password for this email address, but there is no account with it.",
             "If it was you, you may have signed up with another address, or you can create an account. Otherwise, ignore this email."],
            ("Create an account", Link(requestBase, "Account/Register", []))),
            "reset-no-account", cancellationToken);

    private Task SendAsync(OutgoingEmail email, string kind, CancellationToken cancellationToken) =>
        emails.SendAsync(email, $"account:{kind}:{Guid.NewGuid():N}", cancellationToken);

    private Uri Link(Uri requestBase, string path, Dictionary<string, string?> query) =>
        new(QueryHelpers.AddQueryString(new Uri(address.BaseFor(requestBase), path).ToString(), query));

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        try
        {
            return code is null ? null : System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
