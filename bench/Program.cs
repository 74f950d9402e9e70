using System.Runtime.InteropServices;
using PartnerSpace.Bench;

var options = BenchOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}

// Ctrl-C or SIGTERM: stop the phases and shut the portal down cleanly; a second signal ends at once.
using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var report = new Report(Console.Out);
try
{
    await new Benchmark(options, report).RunAsync(stop.Token);
    return 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled; the portal was stopped.");
    return 130;
}
catch (BenchException ex)
{
    Console.Error.WriteLine($"Benchmark failed: {ex.Message}");
    return 1;
}
