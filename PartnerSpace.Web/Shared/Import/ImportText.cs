using Microsoft.Extensions.Localization;
using PartnerSpace.Domain.Common;

namespace PartnerSpace.Web.Shared.Import;

/// <summary>The screens' words for an import's issues and statuses.</summary>
public static class ImportText
{
    /// <summary>The issue in the reader's language (<c>Import.Issue.{Code}</c>), or the domain's English sentence.</summary>
    public static string Describe(this IStringLocalizer localizer, ImportIssue issue)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(issue);
        var text = localizer[$"Import.Issue.{issue.Code}", issue.Args];
        return text.ResourceNotFound ? issue.Message : text.Value;
    }
}
