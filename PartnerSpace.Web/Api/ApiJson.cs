using System.Text.Json;

namespace PartnerSpace.Web.Api;

/// <summary>
/// Reads an API endpoint's JSON body itself, so that anything that is not JSON of the expected
/// shape (another content type, broken JSON, wrong types, invalid UTF-8, a lone surrogate: the
/// serializer reports all of them as <see cref="JsonException"/>) is a 400 with
/// field errors, never an exception (issue 8). A body over the limit fails with 413
/// (<see cref="Shared.RequestLimitsMiddleware"/>).
/// </summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Value, Dictionary<string, string[]>? Errors)> ReadAsync<T>(HttpContext http)
        where T : class
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, Body("Send a JSON body with Content-Type: application/json."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Options, http.RequestAborted);
            return value is null ? (null, Body("The body is empty or null; send a JSON object.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, new Dictionary<string, string[]> { [ex.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "body"] = [ex.Message] });
        }
    }

    private static Dictionary<string, string[]> Body(string message) => new() { ["body"] = [message] };
}
