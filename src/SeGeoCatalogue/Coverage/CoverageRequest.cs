using Microsoft.Extensions.Primitives;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Coverage;

/// <summary>What a coverage, gaps or grid request asks for: the unit level, the record filters and the output.</summary>
public sealed record CoverageRequest(
    AdminLevel Level, short LevelMin, string? State, string Geometry, DatasetFilter Filter,
    bool Csv, bool Download, IQueryCollection Query, DateOnly Today)
{
    static readonly AdminLevel[] Levels = [AdminLevel.State, AdminLevel.District, AdminLevel.Township, AdminLevel.VillageTract];

    /// <summary>Whether each unit's first five dataset titles are wanted (the map's compact counts carry none).</summary>
    public bool WithTitles { get; init; } = true;

    /// <summary>The query parameters that select records (and so go into datasets_href and the download's file name).</summary>
    // All record filters but "level" (here the map's unit level) and "pcode" (a map has no single unit).
    static readonly string[] FilterFields = [.. DatasetFilter.QueryFields.Except(["level", "pcode"])];

    const string StatePattern = @"^MMR\d{3}$";
    static readonly string[] Formats = ["json", "geojson", "csv"];

    /// <summary>The OpenAPI description of what <see cref="FromQuery"/> reads, from the same choices it checks.</summary>
    public static IEnumerable<QueryParameter> Parameters(string defaultGeometry = "simplified") =>
    [
        new("level", "The map's unit level.", () => Schemas.OneOf(Levels.Select(l => l.ApiName()), AdminLevel.Township.ApiName())),
        new("state", "Only units of this state/region (its pcode).", () => Schemas.Text(pattern: StatePattern)),
        new("geometry", "Unit outlines: simplified, full or none.", () => Schemas.OneOf(AdminUnitSql.GeometryChoices, defaultGeometry)),
        new("f", "json (GeoJSON) when left out; csv for a table.", () => Schemas.OneOf(Formats)),
        new("download", "1 or true: answer as a file (Content-Disposition: attachment).", () => Schemas.OneOf(["1", "true", "0", "false"])),
        .. DatasetFilter.Parameters("level"),
    ];

    public static CoverageRequest FromQuery(IQueryCollection query, FieldErrors errors, TimeProvider clock, string defaultGeometry = "simplified")
    {
        var levelText = query["level"].ToString();
        var level = AdminLevel.Township;
        if (levelText.Length > 0 && (!AdminLevels.TryParse(levelText, out level) || !Levels.Contains(level)))
            errors.Add("level", $"'{levelText}' is not a coverage level; use one of {string.Join(", ", Levels.Select(l => l.ApiName()))}.");

        var state = query["state"].ToString().Trim().ToUpperInvariant();
        if (state.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(state, StatePattern))
            errors.Add("state", $"'{state}' is not a state/region pcode; use one of MMR002, MMR003, MMR006, MMR007, MMR011, MMR014, MMR016.");

        var geometry = query["geometry"].ToString().Trim().ToLowerInvariant();
        if (geometry.Length == 0) geometry = defaultGeometry;
        if (!AdminUnitSql.GeometryChoices.Contains(geometry))
            errors.Add("geometry", $"'{query["geometry"]}' is not a geometry choice; use simplified, full or none.");

        var format = query["f"].ToString().Trim().ToLowerInvariant();
        if (format.Length > 0 && !Formats.Contains(format))
            errors.Add("f", $"'{format}' is not a format; use f=csv for a table (or leave f out for JSON).");

        // "level" here is the unit level of the map, not the records' disaggregation level filter of the search.
        var recordQuery = new QueryCollection(query.Where(p => p.Key != "level").ToDictionary(p => p.Key, p => p.Value));
        var filter = DatasetFilter.FromQuery(recordQuery, errors, clock);

        var download = query["download"].ToString() is "1" or "true";
        return new CoverageRequest(level, filter.LevelMin, state.Length > 0 ? state : null, geometry, filter, format == "csv", download, query, MyanmarTime.Today(clock));
    }

    /// <summary>Counts per unit of one level for <paramref name="filter"/>, without geometry (for other views of coverage).</summary>
    public static CoverageRequest CountsOnly(AdminLevel level, DatasetFilter filter, DateOnly today) =>
        new(level, filter.LevelMin, null, "none", filter, false, false, QueryCollection.Empty, today);

    /// <summary>The record filters as a query string (without '?'), to pass on to /api/datasets.</summary>
    public string FilterQuery() =>
        QueryString.Create(FilterFields.SelectMany(f => Query[f].Where(v => !string.IsNullOrEmpty(v)).Select(v => new KeyValuePair<string, string?>(f, v))))
            .ToUriComponent().TrimStart('?');

    /// <summary>e.g. segeo-coverage-township-sector-wash-2026-11-24.geojson: what, which filters, which day (Myanmar time).</summary>
    public string FileName(string kind, TimeProvider clock, string extension)
    {
        var parts = new List<string> { "segeo", kind, Level.ApiName() };
        foreach (var field in FilterFields.Append("state"))
        {
            var values = Query[field].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (values.Count == 0) continue;
            parts.Add(Slug(field));
            parts.Add(string.Join("+", values.Select(Slug)));
        }
        parts.Add(MyanmarTime.DateStamp(clock));
        return $"{string.Join("-", parts.Where(p => p.Length > 0))}.{extension}";
    }

    static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' ? c : '-').ToArray();
        return new string(chars).Trim('-');
    }

    public void SetAttachment(HttpContext http, string fileName) =>
        http.Response.Headers.ContentDisposition = new StringValues($"attachment; filename=\"{fileName}\"");
}
