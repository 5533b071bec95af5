using System.Text.Json;

namespace SeGeoCatalogue.Shared;

/// <summary>
/// Writes a GeoJSON FeatureCollection (RFC 7946: lon/lat, no crs member) whose features PostGIS already
/// rendered as JSON text, with OGC-style paging members and links.
/// </summary>
public sealed class FeatureCollectionResult(
    IAsyncEnumerable<string> features,
    long? numberMatched,
    IReadOnlyList<FeatureCollectionResult.Link> links,
    IReadOnlyDictionary<string, object?>? extra = null) : IResult
{
    public sealed record Link(string Href, string Rel, string Type = "application/geo+json", string? Title = null);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext;
        http.Response.ContentType = "application/geo+json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter.AsStream(), JsonConventions.Writer);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        if (extra is not null)
            foreach (var (name, value) in extra)
            {
                json.WritePropertyName(name);
                JsonSerializer.Serialize(json, value, JsonConventions.Options);
            }
        json.WriteStartArray("features");
        var returned = 0;
        await foreach (var feature in features.WithCancellation(http.RequestAborted))
        {
            json.WriteRawValue(feature, skipInputValidation: true);
            if (++returned % 200 == 0) await json.FlushAsync(http.RequestAborted);
        }
        json.WriteEndArray();
        if (numberMatched is { } matched) json.WriteNumber("numberMatched", matched);
        json.WriteNumber("numberReturned", returned);
        json.WriteString("timeStamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartArray("links");
        foreach (var link in links)
        {
            json.WriteStartObject();
            json.WriteString("href", link.Href);
            json.WriteString("rel", link.Rel);
            json.WriteString("type", link.Type);
            if (link.Title is not null) json.WriteString("title", link.Title);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }

    /// <summary>self, next and prev links for a page, keeping every other query parameter.</summary>
    public static List<Link> PageLinks(HttpRequest request, Paging page, long matched)
    {
        string Href(long offset)
        {
            var query = request.Query.Where(q => q.Key is not ("offset" or "limit"))
                .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
                .Append($"limit={page.Limit}").Append($"offset={offset}");
            return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join("&", query)}";
        }
        var links = new List<Link> { new(Href(page.Offset), "self") };
        // long: an offset near int.MaxValue plus a limit must not wrap round to a negative offset.
        var next = (long)page.Offset + page.Limit;
        if (next < matched) links.Add(new(Href(next), "next"));
        if (page.Offset > 0) links.Add(new(Href(Math.Max((long)page.Offset - page.Limit, 0)), "prev"));
        return links;
    }
}
