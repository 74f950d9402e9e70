namespace PartnerSpace.Bench;

/// <summary>A failure the bench explains in one sentence (the portal would not start, a sign-in failed…).</summary>
public sealed class BenchException : Exception
{
    public BenchException()
    {
    }

    public BenchException(string message)
        : base(message)
    {
    }

    public BenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
