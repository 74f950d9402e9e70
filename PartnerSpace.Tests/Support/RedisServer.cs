using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PartnerSpace.Tests.Support;

/// <summary>
/// A real Redis for scale-out tests: Debian's <c>redis-server</c> (installed by scripts/test.sh) on
/// a free loopback port, nothing saved to disk. Ready when it answers PING. Can be stopped and
/// started again on the same port, to test an outage, like <see cref="SmtpServer"/>.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private const string Executable = "/usr/bin/redis-server";
    private readonly string _folder = Directory.CreateTempSubdirectory("partnerspace-redis-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    /// <summary>The <c>PartnerSpace:Redis</c> setting for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public void Start()
    {
        _process = Process.Start(new ProcessStartInfo(Executable, $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no --dir {_folder}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!Pings())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not answer on {Port}: {(_process.HasExited ? _process.StandardError.ReadToEnd() : "timeout")} (is redis-server installed?)");
            }

            Thread.Sleep(20);
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

    public void Dispose()
    {
        Stop();
        Directory.Delete(_folder, recursive: true);
    }

    // RESP by hand: the test's own client must not be the one under test.
    private bool Pings()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
