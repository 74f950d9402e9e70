using Microsoft.Extensions.Localization;
using PartnerSpace.Domain.Common;

namespace PartnerSpace.Web.Shared;

/// <summary>A domain error in the reader's language: the screens' texts keyed by field or code, else the domain's English sentence.</summary>
public static class ErrorText
{
    /// <summary>Each field's first message, as <c>{prefix}.{field}</c> when the resources have it.</summary>
    public static Dictionary<string, string> Fields(this IStringLocalizer localizer, Error error, string prefix)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(error);
        return error.Fields?.ToDictionary(f => f.Key, f => Text(localizer, $"{prefix}.{f.Key}", f.Value[0]), StringComparer.Ordinal) ?? [];
    }

    /// <summary>The error as one sentence, as <c>{prefix}.{code}</c> when the resources have it.</summary>
    public static string Message(this IStringLocalizer localizer, Error error, string prefix)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(error);
        return Text(localizer, $"{prefix}.{error.Code}", error.Message);
    }

    private static string Text(IStringLocalizer localizer, string key, string fallback)
    {
        var text = localizer[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
