using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Storefront.Testing;

/// <summary>
/// A real SMTP server for the email tests: Debian's aiosmtpd (python3-aiosmtpd, installed by tests/run.sh) saving
/// every message it accepts into a Maildir that the tests read. Missing → the test fails with how to install it.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/aiosmtpd";

    private Process? process;

    private SmtpServer(int port, string maildir)
    {
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    public static async Task<SmtpServer> StartAsync()
    {
        var server = new SmtpServer(FreePort(), Path.Combine(Path.GetTempPath(), "storefront-smtp", Guid.NewGuid().ToString("N")));
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same port and Maildir.</summary>
    public async Task StartAgainAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: run tests/run.sh (it installs Debian's python3-aiosmtpd) or 'apt-get install -y python3-aiosmtpd'.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Maildir)!); // aiosmtpd makes the Maildir (and its tmp/new/cur) itself
        process = Process.Start(new ProcessStartInfo(Executable, ["-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (!process.HasExited)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"aiosmtpd did not start on port {Port}: {await process.StandardError.ReadToEndAsync()}");
    }

    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Every message the server has accepted so far.</summary>
    public IReadOnlyList<ReceivedEmail> Messages() =>
        new[] { "new", "cur" }.Select(folder => Path.Combine(Maildir, folder)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).Select(file => ReceivedEmail.Parse(File.ReadAllText(file))).ToList();

    public async Task<ReceivedEmail> WaitForAsync(Func<ReceivedEmail, bool> match, string what, int timeoutMs = 15_000)
    {
        try
        {
            return await Wait.UntilAsync(() => Task.FromResult(Messages().FirstOrDefault(match)), what, timeoutMs);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"No email arrived for {what}; the server has {Messages().Count} message(s).", timeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Maildir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
