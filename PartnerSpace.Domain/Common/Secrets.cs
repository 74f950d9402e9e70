using System.Security.Cryptography;
using System.Text;

namespace PartnerSpace.Domain.Common;

/// <summary>Random tokens shown once and stored only as a hash (sign-in links, device keys).</summary>
public static class Secrets
{
    public static string NewToken(int bytes = 32) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
