using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace SeGeoCatalogue.ApiDocs;

/// <summary>Small builders for the schemas of hand-read parameters.</summary>
public static class Schemas
{
    public static OpenApiSchema Text(int? maxLength = null, string? pattern = null) =>
        new() { Type = JsonSchemaType.String, MaxLength = maxLength, Pattern = pattern };

    public static OpenApiSchema OneOf(IEnumerable<string> choices, string? defaultValue = null) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. choices.Select(c => (JsonNode)JsonValue.Create(c))],
        Default = defaultValue is null ? null : JsonValue.Create(defaultValue),
    };

    public static OpenApiSchema WholeNumber(int? minimum = null, int? maximum = null, int? defaultValue = null) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = minimum?.ToString(CultureInfo.InvariantCulture),
        Maximum = maximum?.ToString(CultureInfo.InvariantCulture),
        Default = defaultValue is null ? null : JsonValue.Create(defaultValue.Value),
    };

    public static OpenApiSchema Date() => new() { Type = JsonSchemaType.String, Format = "date" };

    /// <summary>Numbers separated by commas in one value (bbox=96.5,15.2,98.0,17.1).</summary>
    public static OpenApiSchema CommaSeparated(string pattern) => new() { Type = JsonSchemaType.String, Pattern = pattern };
}
