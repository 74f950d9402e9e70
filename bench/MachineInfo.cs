using System.Globalization;
using System.Runtime.InteropServices;

namespace PartnerSpace.Bench;

/// <summary>The machine the figures come from: cores, CPU model, memory, OS and runtime.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var model = ReadProc("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memoryKb = ReadProc("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memory = long.TryParse(memoryKb, NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
            ? string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0 / 1024.0:0.0} GiB RAM")
            : "unknown RAM";
        return $"{Environment.ProcessorCount} cores ({model}), {memory}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string? ReadProc(string path, string key)
    {
        try
        {
            return File.ReadLines(path)
                .Where(l => l.StartsWith(key, StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
