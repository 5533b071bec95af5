using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Npgsql;
using SeGeoCatalogue.Footprints;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Datasets;

/// <summary>The body of POST and PUT /api/datasets: every writable field (curation state has its own endpoints).</summary>
/// <remarks>Limits: <see cref="DatasetLimits"/>; no control characters except line breaks and tabs in the summary.</remarks>
public sealed record DatasetInput(
    [property: MaxLength(DatasetLimits.Title)] string? Title,
    [property: MaxLength(DatasetLimits.Summary), Description("Line breaks and tabs allowed; no other control characters.")] string? Summary,
    int? HolderId,
    [property: MaxLength(DatasetLimits.Contact)] string? Contact,
    [property: MaxLength(DatasetLimits.Source)] string? Source,
    [property: MaxLength(DatasetLimits.Codes)] List<string>? Sectors,
    [property: MaxLength(DatasetLimits.Indicators), Description("Each indicator at most 200 characters.")] List<string>? Indicators,
    string? DisaggregationLevel,
    [property: MaxLength(DatasetLimits.Codes)] List<string>? Methods,
    string? SpatialCompleteness,
    DateOnly? PeriodStart, DateOnly? PeriodEnd, DateOnly? CollectedOn, string? UpdateFrequency, string? Availability,
    [property: MaxLength(DatasetLimits.Formats), Description("Each format at most 40 characters.")] List<string>? Formats,
    [property: MaxLength(DatasetLimits.Links)] List<DatasetLinkJson>? Links,
    string? AssessmentStatus, string? Visibility, bool? FootprintSensitive,
    AreaInput? Area, bool Repair = false,
    [property: MaxLength(Licences.MaxLength), Description("An SPDX licence id (CC-BY-4.0, ODbL-1.0 …) or the licence's web address.")] string? License = null);

public sealed record DatasetLinkJson(
    [property: MaxLength(DatasetLimits.Url)] string? Url,
    [property: MaxLength(DatasetLimits.LinkTitle)] string? Title);

public sealed record AreaInput(
    [property: MaxLength(DatasetLimits.Pcodes), Description("Each pcode at most 20 characters.")] List<string>? Pcodes,
    JsonElement? Footprint, double? FootprintThreshold, bool WholeWiderSe = false);

/// <summary>A checked <see cref="DatasetInput"/>: codes known, pcodes exist, footprint valid and inside the wider SE.</summary>
public sealed record DatasetDraft(DatasetInput Input, string[] Pcodes, MultiPolygon? Footprint, double Threshold)
{
    /// <summary>Checks everything; the result is a draft, or a 400 naming each bad field, or a 413 for an oversized footprint.</summary>
    public static async Task<(DatasetDraft? Draft, IResult? Problem)> CheckAsync(
        DatasetInput input, NpgsqlConnection conn, FootprintOptions options, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (draft, tooLarge) = await ValidateAsync(input, conn, options, errors, ct);
        return tooLarge is not null ? (null, tooLarge) : errors.Any ? (null, errors.ToResult()) : (draft, null);
    }

    /// <summary>
    /// The one write rule of a record, for the JSON API and the inventory workbook alike: adds an error per bad field to
    /// <paramref name="errors"/> and returns the draft when there is none; a 413 for an oversized footprint.
    /// </summary>
    public static async Task<(DatasetDraft? Draft, IResult? TooLarge)> ValidateAsync(
        DatasetInput input, NpgsqlConnection conn, FootprintOptions options, FieldErrors errors, CancellationToken ct)
    {
        var before = errors.Count;
        // Sizes, nulls and control characters first: such values must never reach PostgreSQL.
        DatasetLimits.Check(input, errors);
        if (errors.Count > before) return (null, null);
        if (string.IsNullOrWhiteSpace(input.Title)) errors.Add("title", "Give the dataset a title.");
        if (input.HolderId is null) errors.Add("holder_id", "Say which organisation holds the data: holder_id from GET /api/organisations.");
        if (input.Sectors is not { Count: > 0 }) errors.Add("sectors", "Choose at least one sector (codes from GET /api/vocabularies).");
        Codes(errors, "sectors", "a sector", input.Sectors, Vocabularies.Sectors);
        Codes(errors, "methods", "a method", input.Methods, Vocabularies.Methods);
        Code(errors, "disaggregation_level", "a level", input.DisaggregationLevel, Vocabularies.Levels.Select(l => l.Term).ToList());
        Code(errors, "spatial_completeness", "a spatial completeness", input.SpatialCompleteness, Vocabularies.SpatialCompleteness);
        Code(errors, "update_frequency", "an update frequency", input.UpdateFrequency, Vocabularies.UpdateFrequencies);
        Code(errors, "assessment_status", "a status", input.AssessmentStatus, Vocabularies.AssessmentStatuses);
        Code(errors, "visibility", "a visibility", input.Visibility, Vocabularies.Visibilities);
        if (input.Availability is null) errors.Add("availability", $"Say whether the data may be shared: one of {Choices(Vocabularies.Availability)}.");
        Code(errors, "availability", "an availability", input.Availability, Vocabularies.Availability);
        Licences.Check(input.License, errors);
        if (input.PeriodStart > input.PeriodEnd)
            errors.Add("period_end", $"The reference period ends ({input.PeriodEnd:yyyy-MM-dd}) before it starts ({input.PeriodStart:yyyy-MM-dd}); swap them or correct one.");
        foreach (var (link, i) in (input.Links ?? []).Select((l, i) => (l, i)))
            if (!Uri.TryCreate(link.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                errors.Add($"links[{i}].url", $"'{link.Url}' is not a web address; write it in full, e.g. https://themimu.info/….");

        var area = input.Area ?? new AreaInput(null, null, null);
        var threshold = FootprintsApi.CheckThreshold(area.FootprintThreshold, options, "area.footprint_threshold", errors);
        MultiPolygon? footprint = null;
        if (area.Footprint is { ValueKind: not JsonValueKind.Null } geoJson)
        {
            footprint = FootprintGeoJson.Read(geoJson, "area.footprint", errors, out var vertices);
            if (vertices > options.MaxVertices) return (null, FootprintsApi.TooManyVertices(vertices, options));
        }

        if (input.HolderId is { } holder && !await ExistsAsync(conn, "SELECT EXISTS (SELECT 1 FROM organisations WHERE id = @v)", holder, ct))
            errors.Add("holder_id", $"No organisation has id {holder}; use an id from GET /api/organisations.");
        var pcodes = await PcodesAsync(conn, area, errors, ct);
        if (footprint is not null && errors.Count == before)
            footprint = await FootprintChecks.CheckAsync(conn, footprint, input.Repair, "area.footprint", errors, ct);

        return errors.Count > before ? (null, null) : (new DatasetDraft(input, pcodes, footprint, threshold), null);
    }

    /// <summary>The picked pcodes, upper-cased and checked; whole_wider_se adds the seven states.</summary>
    static async Task<string[]> PcodesAsync(NpgsqlConnection conn, AreaInput area, FieldErrors errors, CancellationToken ct)
    {
        var asked = (area.Pcodes ?? []).Select(p => p.Trim().ToUpperInvariant()).Where(p => p.Length > 0).Distinct().ToArray();
        await using var cmd = new NpgsqlCommand("""
            SELECT p, EXISTS (SELECT 1 FROM admin_units u WHERE u.pcode = p AND u.retired_at IS NULL) FROM unnest(@asked) p
            UNION ALL
            SELECT pcode, true FROM admin_units WHERE @whole AND level = 1 AND retired_at IS NULL
            """, conn);
        cmd.Parameters.AddWithValue("asked", asked);
        cmd.Parameters.AddWithValue("whole", area.WholeWiderSe);
        var known = new SortedSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        await using (var rows = await cmd.ExecuteReaderAsync(ct))
            while (await rows.ReadAsync(ct))
                (rows.GetBoolean(1) ? (ICollection<string>)known : unknown).Add(rows.GetString(0));
        if (unknown.Count > 0)
            errors.Add("area.pcodes", $"Unknown pcodes: {string.Join(", ", unknown)}. Use MIMU pcodes of states, districts, townships, village tracts or wards (search them at /api/admin-units?q=).");
        return known.ToArray();
    }

    static async Task<bool> ExistsAsync(NpgsqlConnection conn, string sql, object value, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("v", value);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static void Code(FieldErrors errors, string field, string what, string? value, IReadOnlyList<Term> vocabulary)
    {
        if (value is not null && !Vocabularies.Contains(vocabulary, value))
            errors.Add(field, $"{NotA(value, what, vocabulary)} Use one of {Choices(vocabulary)}.");
    }

    static void Codes(FieldErrors errors, string field, string what, List<string>? values, IReadOnlyList<Term> vocabulary)
    {
        var unknown = (values ?? []).Where(v => !Vocabularies.Contains(vocabulary, v)).ToList();
        if (unknown.Count > 0)
            errors.Add(field, $"{string.Join(" ", unknown.Select(u => NotA(u, what, vocabulary)))} Use codes from {Choices(vocabulary)}.");
    }

    /// <summary>"'health' is not a sector; did you mean 'services'?"</summary>
    static string NotA(string value, string what, IReadOnlyList<Term> vocabulary) =>
        Vocabularies.Suggest(vocabulary, value) is { } guess ? $"'{value}' is not {what}; did you mean '{guess}'?" : $"'{value}' is not {what}.";

    static string Choices(IReadOnlyList<Term> vocabulary) => string.Join(", ", vocabulary.Select(t => t.Code));
}
