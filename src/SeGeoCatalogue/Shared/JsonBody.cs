using System.Text.Json;

namespace SeGeoCatalogue.Shared;

/// <summary>
/// Reads a JSON request body by hand, so that a body over the limit is a 413 ProblemDetails and a value of
/// the wrong type is a 400 naming the field (model binding would give neither).
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(
        HttpRequest request, long maxBytes, JsonSerializerOptions options, CancellationToken ct) where T : class
    {
        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (null, TooLarge(maxBytes));
            buffer.Write(chunk, 0, read);
        }
        try
        {
            var value = buffer.Length == 0 ? null : JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
            return value is null
                ? (null, new FieldErrors().Add("body", "Send a JSON object (Content-Type: application/json).").ToResult())
                : (value, null);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path[2..] : "body";
            var message = field == "body"
                ? "The body is not valid JSON; send one JSON object."
                : "This value has the wrong type or format: text in quotes, lists as JSON arrays, dates as \"YYYY-MM-DD\", numbers and true/false without quotes.";
            return (null, new FieldErrors().Add(field, message).ToResult());
        }
    }

    static IResult TooLarge(long maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
        detail: $"The body is larger than {maxBytes / 1024 / 1024.0:0.#} MB. Simplify the footprint (fewer vertices) or upload it as a file.");
}
