using System.Net.Mail;

namespace PartnerSpace.Domain.Common;

/// <summary>Normalization of user-entered text shared by every area.</summary>
public static class Text
{
    public const int EmailMaxLength = 254;

    /// <summary>Trims and lower-cases an address; null when it is not a plausible e-mail address.</summary>
    public static string? NormalizeEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var trimmed = email.Trim();
        if (trimmed.Length > EmailMaxLength || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        return MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed && trimmed.Contains('.', StringComparison.Ordinal)
            ? trimmed.ToLowerInvariant()
            : null;
    }

    /// <summary>Trims; null when empty.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
