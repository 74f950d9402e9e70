using System.Globalization;
using PartnerSpace.Domain.Common;

namespace PartnerSpace.Domain.Forms;

/// <summary>Checks answers against a form: required fields and each type's format (S-1.4).</summary>
public static class FormAnswers
{
    /// <summary>How a date answer is written.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Field errors keyed by field id; empty when the answers are acceptable.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(FormDocument form, IReadOnlyDictionary<Guid, string?> answers)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var field in form.Visible)
        {
            var value = answers.TryGetValue(field.Id, out var v) ? Text.Clean(v) : null;
            var label = field.Label.ForCurrentCulture();
            if (value is null || (field.Type == FieldType.Checkbox && value != "true"))
            {
                if (field.Required)
                {
                    errors[field.Id.ToString()] = [$"{label} is required."];
                }

                continue;
            }

            var error = field.Type switch
            {
                FieldType.Email when Text.NormalizeEmail(value) is null => $"{label}: enter a valid e-mail address.",
                FieldType.Url when !Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) => $"{label}: enter a web address starting with https://.",
                FieldType.Number when !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) => $"{label}: enter a number.",
                FieldType.Date when !DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => $"{label}: enter a date.",
                FieldType.Phone when value.Count(char.IsDigit) < 6 || value.Any(c => !(char.IsDigit(c) || c is '+' or ' ' or '-' or '.' or '(' or ')')) => $"{label}: enter a phone number.",
                FieldType.SingleChoice when !IsChoice(field, value) => $"{label}: choose one of the options.",
                FieldType.Country when value.Length != 2 || !value.All(char.IsAsciiLetterUpper) => $"{label}: choose a country.",
                FieldType.MultipleChoice when !value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(c => IsChoice(field, c)) => $"{label}: choose among the options.",
                _ when value.Length > 20_000 => $"{label}: the answer is too long.",
                _ => null,
            };
            if (error is not null)
            {
                errors[field.Id.ToString()] = [error];
            }
        }

        return errors;
    }

    private static bool IsChoice(FormField field, string value) =>
        field.Choices.Any(c => c.Fr == value || c.En == value);
}
