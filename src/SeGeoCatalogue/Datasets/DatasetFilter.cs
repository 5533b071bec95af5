using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Datasets;

/// <summary>
/// The record filters shared by search, coverage, gaps, grid and exports, as one SQL condition over
/// <c>datasets d</c>, always including who may see what (<see cref="DatasetVisibility"/>).
/// Values within one filter are ORed (sector=wash&amp;sector=services), filters are ANDed.
/// </summary>
public sealed partial record DatasetFilter
{
    public string? Text { get; init; }
    public IReadOnlyList<string> Sectors { get; init; } = [];
    public IReadOnlyList<string> Indicators { get; init; } = [];
    public IReadOnlyList<int> Holders { get; init; } = [];
    /// <summary>Only these records (id=12 or id=12,15): a single record's downloads.</summary>
    public IReadOnlyList<int> Ids { get; init; } = [];
    public IReadOnlyList<string> Levels { get; init; } = [];
    public IReadOnlyList<string> Methods { get; init; } = [];
    public IReadOnlyList<string> Availability { get; init; } = [];
    public IReadOnlyList<string> AssessmentStatuses { get; init; } = [];
    public string? Pcode { get; init; }
    public BoundingBox? Box { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>Only data at this resolution rank or finer (state 1 … point 7; <see cref="Vocabularies.Levels"/>).</summary>
    public short LevelMin { get; init; } = 1;
    /// <summary>Only records whose data is fresh or due (<see cref="Freshness"/>) on this day; null for all.</summary>
    public DateOnly? FreshOn { get; init; }

    /// <summary>The query parameters <see cref="FromQuery"/> reads.</summary>
    public static readonly string[] QueryFields =
        ["q", "id", "sector", "indicator", "holder", "level", "method", "availability", "status", "pcode", "level_min", "from", "to", "bbox", "fresh"];

    /// <summary>Reads the query string; unknown codes and malformed values are reported per field.</summary>
    public static DatasetFilter FromQuery(IQueryCollection query, FieldErrors errors, TimeProvider clock)
    {
        List<string> Codes(string field, IReadOnlyList<Term> vocabulary)
        {
            var values = Values(query, field);
            foreach (var v in values.Where(v => !Vocabularies.Contains(vocabulary, v)))
                errors.Add(field, $"'{v}' is not a known code; use one of {string.Join(", ", vocabulary.Select(t => t.Code))} (GET /api/vocabularies).");
            return values;
        }
        DateOnly? Date(string field)
        {
            var text = query[field].ToString();
            if (text.Length == 0) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors.Add(field, $"'{text}' is not a date; write it as YYYY-MM-DD, e.g. {field}=2015-01-01.");
            return null;
        }

        var holders = new List<int>();
        foreach (var h in Values(query, "holder"))
        {
            if (int.TryParse(h, out var id)) holders.Add(id);
            else errors.Add("holder", $"'{h}' is not an organisation id; use the ids of GET /api/organisations.");
        }
        var ids = new List<int>();
        foreach (var text in Values(query, "id"))
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) ids.Add(id);
            else errors.Add("id", $"'{text}' is not a record id; write id=12 or id=12,15.");
        }
        if (ids.Count > MaxIds) errors.Add("id", $"{ids.Count:N0} ids is more than the {MaxIds} allowed at once; ask in pages.");
        BoundingBox? box = null;
        if (query.ContainsKey("bbox"))
        {
            if (BoundingBox.TryParse(query["bbox"], out var b, out var error)) box = b;
            else errors.Add("bbox", error);
        }
        var pcode = query["pcode"].ToString().Trim().ToUpperInvariant();
        if (pcode.Length > 0 && !PcodePattern().IsMatch(pcode))
            errors.Add("pcode", $"'{pcode}' is not a MIMU pcode; they look like MMR011, MMR011D001, MMR011001 or MMR011001001.");

        short levelMin = 1;
        var levelMinText = query["level_min"].ToString().Trim();
        if (levelMinText.Length > 0)
        {
            var match = Vocabularies.Levels.FirstOrDefault(l => l.Term.Code == levelMinText);
            if (match.Term is null)
                errors.Add("level_min", $"'{levelMinText}' is not a level; use one of {string.Join(", ", Vocabularies.Levels.Select(l => l.Term.Code))} (data at that resolution or finer counts).");
            else levelMin = match.Rank;
        }

        var fresh = query["fresh"].ToString().Trim();
        if (fresh.Length > 0 && fresh != "only")
            errors.Add("fresh", $"'{fresh}' is not a choice; write fresh=only to count only data that is fresh or due for its update, or leave it out.");

        var filter = new DatasetFilter
        {
            Text = query["q"].ToString().Trim() is { Length: > 0 } q ? q : null,
            Sectors = Codes("sector", Vocabularies.Sectors),
            Indicators = Values(query, "indicator"),
            Holders = holders,
            Ids = ids,
            Levels = Codes("level", Vocabularies.Levels.Select(l => l.Term).ToList()),
            Methods = Codes("method", Vocabularies.Methods),
            Availability = Codes("availability", Vocabularies.Availability),
            AssessmentStatuses = Codes("status", Vocabularies.AssessmentStatuses),
            Pcode = pcode.Length > 0 ? pcode : null,
            Box = box,
            From = Date("from"),
            To = Date("to"),
            LevelMin = levelMin,
            FreshOn = fresh == "only" ? MyanmarTime.Today(clock) : null,
        };
        if (filter.From > filter.To) errors.Add("to", "to is before from; swap them.");
        return filter;
    }

    const int MaxIds = 200;

    static List<string> Values(IQueryCollection query, string field) =>
        query[field].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();

    /// <summary>
    /// The condition over <c>datasets d</c>. <paramref name="except"/> leaves one filter out (for facet counts
    /// of that field under all the other filters).
    /// </summary>
    public string ToSql(NpgsqlCommand cmd, Viewer viewer, string? except = null)
    {
        var where = new List<string> { DatasetVisibility.Sql(viewer, cmd) };
        void Array(string field, string column, IReadOnlyList<string> values)
        {
            if (values.Count == 0 || except == field) return;
            cmd.Parameters.Add(new NpgsqlParameter($"f_{field}", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() });
            where.Add($"d.{column} && @f_{field}");
        }
        void Scalar(string field, string column, IReadOnlyList<string> values)
        {
            if (values.Count == 0 || except == field) return;
            cmd.Parameters.Add(new NpgsqlParameter($"f_{field}", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() });
            where.Add($"d.{column} = ANY(@f_{field})");
        }

        Array("sector", "sectors", Sectors);
        Array("indicator", "indicators", Indicators);
        Array("method", "methods", Methods);
        Scalar("level", "disaggregation_level", Levels);
        Scalar("availability", "availability", Availability);
        Scalar("status", "assessment_status", AssessmentStatuses);
        if (Holders.Count > 0 && except != "holder")
        {
            cmd.Parameters.AddWithValue("f_holder", Holders.ToArray());
            where.Add("d.holder_id = ANY(@f_holder)");
        }
        if (Ids.Count > 0 && except != "id")
        {
            cmd.Parameters.AddWithValue("f_id", Ids.ToArray());
            where.Add("d.id = ANY(@f_id)");
        }
        if (Text is not null)
        {
            // English words by stem; anything else (Myanmar script, parts of words) as written.
            cmd.Parameters.AddWithValue("f_q", Text);
            cmd.Parameters.AddWithValue("f_q_like", $"%{Text.ToLowerInvariant().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_")}%");
            where.Add("(d.search @@ websearch_to_tsquery('english', @f_q) OR d.search_text LIKE @f_q_like)");
        }
        // The reference period overlaps [from, to], ends included. A missing end means "still going" and a
        // missing start "since before records began"; a record with no period at all cannot be said to overlap.
        if (FreshOn is { } today && except != "fresh")
        {
            cmd.Parameters.AddWithValue("f_today", today);
            where.Add(Freshness.FreshOrDueSql("@f_today"));
        }
        if ((From is not null || To is not null) && except != "period")
            where.Add("(d.period_start IS NOT NULL OR d.period_end IS NOT NULL)");
        if (From is { } from && except != "period")
        {
            cmd.Parameters.AddWithValue("f_from", from);
            where.Add("coalesce(d.period_end, 'infinity'::date) >= @f_from");
        }
        if (To is { } to && except != "period")
        {
            cmd.Parameters.AddWithValue("f_to", to);
            where.Add("coalesce(d.period_start, '-infinity'::date) <= @f_to");
        }
        if (Pcode is not null)
        {
            // Roll-down: the unit or an ancestor is covered; roll-up: a descendant is covered. Written as
            // uncorrelated id sets, found through the (pcode, dataset_id) index, not a probe per record.
            // A sensitive record the viewer may not see in detail counts as covering whole townships only.
            cmd.Parameters.AddWithValue("f_pcode", Pcode);
            cmd.Parameters.AddWithValue("f_level_min", LevelMin);
            // Rows of an ancestor reach the unit with their down_resolution (see DatasetUnits).
            static string CoveringLinks(string andAlso) => $"""
                SELECT du.dataset_id FROM dataset_units du
                WHERE du.pcode = @f_pcode AND du.resolution >= @f_level_min {andAlso}
                UNION
                SELECT du.dataset_id FROM dataset_units du
                WHERE du.pcode IN (SELECT unnest(ARRAY[p.state_pcode, p.district_pcode, p.township_pcode, p.parent_pcode])
                                   FROM admin_units p WHERE p.pcode = @f_pcode) AND du.down_resolution >= @f_level_min {andAlso}
                UNION
                SELECT du.dataset_id FROM admin_units u JOIN dataset_units du ON du.pcode = u.pcode
                WHERE @f_pcode IN (u.state_pcode, u.district_pcode, u.township_pcode, u.parent_pcode) AND du.resolution >= @f_level_min {andAlso}
                """;
            where.Add(DetailOrTownships(viewer, cmd,
                $"d.id IN ({CoveringLinks("")})",
                $"""
                d.id IN ({CoveringLinks("AND unit_shown_without_detail(du.level)")}
                         UNION
                         SELECT du.dataset_id FROM datasets s JOIN dataset_units du ON du.dataset_id = s.id
                           JOIN admin_units u ON u.pcode = du.pcode
                         WHERE s.footprint_sensitive AND NOT unit_shown_without_detail(du.level)
                           AND least(CASE WHEN length(@f_pcode) > 9 THEN du.down_resolution ELSE du.resolution END, 3) >= @f_level_min
                           AND (u.township_pcode IN (SELECT unnest(ARRAY[p.pcode, p.township_pcode]) FROM admin_units p WHERE p.pcode = @f_pcode)
                                OR @f_pcode IN (u.state_pcode, u.district_pcode)))
                """));
        }
        if (LevelMin > 1 && Pcode is null)
        {
            // Records with data at that resolution somewhere; a sensitive record's village tracts count as township data.
            cmd.Parameters.AddWithValue("f_level_min", LevelMin);
            where.Add($"""
                EXISTS (SELECT 1 FROM dataset_units du WHERE du.dataset_id = d.id
                          AND CASE WHEN NOT unit_shown_without_detail(du.level) AND NOT {DatasetVisibility.SeesDetailSql(viewer, cmd)}
                                   THEN least(du.resolution, 3) ELSE du.resolution END >= @f_level_min)
                """);
        }
        if (Box is { } box)
        {
            cmd.Parameters.AddWithValue("f_x1", box.MinLon);
            cmd.Parameters.AddWithValue("f_y1", box.MinLat);
            cmd.Parameters.AddWithValue("f_x2", box.MaxLon);
            cmd.Parameters.AddWithValue("f_y2", box.MaxLat);
            // The same shape: records whose footprint meets the box, or that link a unit meeting it (&& first, GiST).
            const string unitsInBox = """
                SELECT u.pcode FROM admin_units u
                WHERE u.geom && ST_MakeEnvelope(@f_x1, @f_y1, @f_x2, @f_y2, 4326)
                  AND ST_Intersects(u.geom, ST_MakeEnvelope(@f_x1, @f_y1, @f_x2, @f_y2, 4326))
                """;
            where.Add(DetailOrTownships(viewer, cmd,
                $"""
                d.id IN (SELECT f.id FROM datasets f
                         WHERE f.footprint && ST_MakeEnvelope(@f_x1, @f_y1, @f_x2, @f_y2, 4326)
                           AND ST_Intersects(f.footprint, ST_MakeEnvelope(@f_x1, @f_y1, @f_x2, @f_y2, 4326))
                         UNION
                         SELECT du.dataset_id FROM dataset_units du WHERE du.pcode IN ({unitsInBox}))
                """,
                $"""
                d.id IN (SELECT du.dataset_id FROM dataset_units du WHERE unit_shown_without_detail(du.level) AND du.pcode IN ({unitsInBox})
                         UNION
                         SELECT du.dataset_id FROM datasets s JOIN dataset_units du ON du.dataset_id = s.id
                           JOIN admin_units u ON u.pcode = du.pcode
                         WHERE s.footprint_sensitive AND NOT unit_shown_without_detail(du.level) AND u.township_pcode IN ({unitsInBox}))
                """));
        }
        return string.Join("\n  AND ", where);
    }

    /// <summary>
    /// A spatial condition in two forms: <paramref name="detail"/> for records the viewer may see in detail,
    /// <paramref name="townshipsOnly"/> (village-tract links read as their townships, no footprint) for the others.
    /// </summary>
    static string DetailOrTownships(Viewer viewer, NpgsqlCommand cmd, string detail, string townshipsOnly)
    {
        var seesDetail = DatasetVisibility.SeesDetailSql(viewer, cmd);
        return seesDetail == "true" ? detail : $"(({seesDetail} AND {detail}) OR (NOT {seesDetail} AND {townshipsOnly}))";
    }

    const string PcodeRegex = @"^MMR\d{3}(D\d{3}|\d{3}(\d{3}(\d{3})?)?)?$";

    [GeneratedRegex(PcodeRegex)]
    private static partial Regex PcodePattern();
}
