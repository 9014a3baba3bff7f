using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace Storefront.Web.Features.Email;

/// <summary>
/// Hands one message to the SMTP server (System.Net.Mail: MailKit is not in this registry, see ADR-0009), or in
/// Development without a server writes it as an .eml file into the pickup folder.
/// </summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options, IOptions<StoreOptions> store, IHostEnvironment environment)
{
    public string PickupDirectory => string.IsNullOrWhiteSpace(options.Value.PickupDirectory)
        ? Path.Combine(environment.ContentRootPath, "data", "mail")
        : options.Value.PickupDirectory;

    public async Task SendAsync(EmailOutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var from = new MailAddress(string.IsNullOrWhiteSpace(settings.From) ? store.Value.SupportEmail : settings.From, store.Value.Name);
        using var mail = new MailMessage(from, new MailAddress(message.To))
        {
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = message.Body,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.QuotedPrintable,
        };
        // One id per outbox row: a receiving system can drop a copy sent again after a crash between send and record.
        mail.Headers.Add("Message-ID", $"<outbox-{message.Id}-{message.CreatedAt.Ticks}@{from.Host}>");
        if (message.HtmlBody is not null)
        {
            var html = AlternateView.CreateAlternateViewFromString(message.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html);
            html.TransferEncoding = TransferEncoding.QuotedPrintable;
            mail.AlternateViews.Add(html);
        }

        using var smtp = new SmtpClient();
        if (settings.UsesSmtp)
        {
            smtp.Host = settings.Smtp.Host!;
            smtp.Port = settings.Smtp.Port;
            smtp.EnableSsl = settings.Smtp.EnableSsl;
            smtp.Timeout = settings.Smtp.TimeoutSeconds * 1000;
            if (!string.IsNullOrEmpty(settings.Smtp.UserName))
            {
                smtp.Credentials = new NetworkCredential(settings.Smtp.UserName, settings.Smtp.Password);
            }
        }
        else
        {
            Directory.CreateDirectory(PickupDirectory);
            smtp.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            smtp.PickupDirectoryLocation = PickupDirectory;
        }

        await smtp.SendMailAsync(mail, cancellationToken);
    }
}
