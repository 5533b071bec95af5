using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using NetTopologySuite.IO.Converters;

namespace SeGeoCatalogue.Shared;

/// <summary>
/// How the service writes JSON, whoever writes it (minimal-API results, streamed FeatureCollections, history rows,
/// files): snake_case names and every script — Myanmar included — as characters, escaping only what JSON and HTML
/// need. The one deliberate exception is the OGC API's own member names (numberMatched, numberReturned, timeStamp),
/// which the standard spells in camelCase.
/// </summary>
public static class JsonConventions
{
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>For hand-written Utf8JsonWriter output.</summary>
    public static readonly JsonWriterOptions Writer = new() { Encoder = Encoder };

    public static readonly JsonSerializerOptions Options = Apply(new JsonSerializerOptions());

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    /// <summary>Sets the conventions on options made elsewhere (the minimal-API serializer).</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Encoder = Encoder;
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }
}
