using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Storefront.Web.Features.Email;

/// <summary>Settings under "Email": who the store's mail comes from and how it leaves.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender address; empty = Store:SupportEmail.</summary>
    [EmailAddress] public string? From { get; set; }

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>
    /// Development without an SMTP host: each message is written as an .eml file here (empty = the app's data/mail
    /// folder) and listed at /dev/mail.
    /// </summary>
    public string? PickupDirectory { get; set; }

    /// <summary>The first retry waits this long; each next one twice as long, up to an hour.</summary>
    [Range(0.01, 3600)] public double RetryDelaySeconds { get; set; } = 30;

    /// <summary>After this many failed sends a message is given up (and stays visible to the admin).</summary>
    [Range(1, 50)] public int MaxAttempts { get; set; } = 10;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }

    [Range(1, 65535)] public int Port { get; set; } = 587;

    /// <summary>STARTTLS. Leave on for any server that is not on this machine.</summary>
    public bool EnableSsl { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Range(1, 300)] public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>A store that cannot send a receipt or a reset link is not deployable: outside Development an SMTP host is required.</summary>
internal sealed class EmailOptionsValidator(IHostEnvironment environment) : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options) =>
        environment.IsDevelopment() || options.UsesSmtp
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Email:Smtp:Host is required outside Development: the store sends receipts and password-reset links.");
}
