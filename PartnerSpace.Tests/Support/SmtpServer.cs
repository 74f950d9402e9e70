using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace PartnerSpace.Tests.Support;

/// <summary>
/// A real SMTP server for e-mail tests: Debian's aiosmtpd (<c>python3-aiosmtpd</c>, installed by
/// scripts/test.sh) writing each message it accepts into a maildir. Can be stopped and started
/// again on the same port, to test a server that is down.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    private const string Python = "/usr/bin/python3";
    // aiosmtpd creates the maildir (tmp/, new/, cur/) only where nothing exists yet.
    private readonly string _folder = Directory.CreateTempSubdirectory("partnerspace-mail-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    private string Maildir => Path.Combine(_folder, "maildir");

    public void Start()
    {
        _process = Process.Start(new ProcessStartInfo(Python, $"-m aiosmtpd -n -l 127.0.0.1:{Port} -c aiosmtpd.handlers.Mailbox {Maildir}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("aiosmtpd did not start.");

        // Ready when it accepts a connection.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(50);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"aiosmtpd did not listen on {Port}: {(_process.HasExited ? _process.StandardError.ReadToEnd() : "timeout")} (is python3-aiosmtpd installed?)");
            }
        }
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>The messages received so far, parsed.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))]
            : [];
    }

    public void Dispose()
    {
        Stop();
        Directory.Delete(_folder, recursive: true);
    }
}
