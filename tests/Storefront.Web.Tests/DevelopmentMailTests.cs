using System.Net;
using Storefront.Testing;
using Storefront.Web.Features.Email;

namespace Storefront.Web.Tests;

/// <summary>The embedded default: without an SMTP server, Development writes .eml files and lists them at /dev/mail.</summary>
public sealed class DevelopmentMailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Development_WithoutSmtp_WritesAnEmlFileAndListsTheMessageWithItsLink()
    {
        await using var app = new StorefrontAppFactory();
        using var client = app.CreateClient();
        var to = $"dev-{Guid.NewGuid():N}@storefront.test";

        await app.Services.GetRequiredService<EmailQueue>().SendAsync(
            new OutgoingEmail(to, "Reset your password", ["Hello."], ("Choose a new password", new Uri("http://127.0.0.1:5229/Account/ResetPassword?code=abc"))),
            "dev:" + to, Ct);

        var page = await Wait.UntilAsync(async () =>
        {
            var html = await client.GetStringAsync(new Uri("/dev/mail", UriKind.Relative), Ct);
            return html.Contains(to, StringComparison.Ordinal) ? html : null;
        }, "the message on /dev/mail");
        Assert.Contains("<a href=\"http://127.0.0.1:5229/Account/ResetPassword?code=abc\"", page, StringComparison.Ordinal);
        var files = Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml");
        Assert.Contains(files, file => File.ReadAllText(file).Contains(to, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_HasNoMailPage()
    {
        await using var app = new StorefrontAppFactory().AsProduction();

        using var response = await DeploymentSafetyTests.ShopClient(app).GetAsync(new Uri("/dev/mail", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
