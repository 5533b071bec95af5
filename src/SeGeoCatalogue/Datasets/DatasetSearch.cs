using System.Text.Json;
using Npgsql;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Exports;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Datasets;

/// <summary>GET /api/datasets: a page of records and, per filterable field, counts under all the other filters (CKAN-style facets).</summary>
public static class DatasetSearch
{
    public sealed record Item(int Id, string Title, string? Summary, HolderJson Holder, string[] Sectors, string? DisaggregationLevel,
        string Availability, DateOnly? PeriodStart, DateOnly? PeriodEnd, string CurationState, string Visibility, double[]? Bbox);
    public sealed record FacetValue(string Code, string Label, long Count);
    public sealed record Page(long Total, int Limit, int Offset, List<Item> Items, Dictionary<string, List<FacetValue>> Facets, Dictionary<string, string?> Links);

    static readonly string[] Sorts = ["relevance", "title", "updated", "period"];
    public static readonly PageBounds PageSize = new(20, 200);

    public static readonly IEnumerable<QueryParameter> Parameters =
    [
        new("sort", "Order of the results: relevance (needs q; the default with q), title, updated (the default without q) or period.",
            () => Schemas.OneOf(Sorts)),
    ];

    /// <summary>Per facet: the SQL producing (code, label, count) rows over <c>datasets d</c> filtered by the condition given.</summary>
    static readonly (string Field, Func<string, string> Sql)[] Facets =
    [
        ("sector", where => $"SELECT v, NULL, count(*) FROM datasets d, unnest(d.sectors) v WHERE {where} GROUP BY v"),
        ("holder", where => $"SELECT o.id::text, coalesce(o.acronym, o.name), count(*) FROM datasets d JOIN organisations o ON o.id = d.holder_id WHERE {where} GROUP BY o.id"),
        ("indicator", where => $"SELECT v, v, count(*) FROM datasets d, unnest(d.indicators) v WHERE {where} GROUP BY v ORDER BY 3 DESC, 1 LIMIT 50"),
        ("level", where => $"SELECT d.disaggregation_level, NULL, count(*) FROM datasets d WHERE {where} AND d.disaggregation_level IS NOT NULL GROUP BY 1"),
        ("method", where => $"SELECT v, NULL, count(*) FROM datasets d, unnest(d.methods) v WHERE {where} GROUP BY v"),
        ("availability", where => $"SELECT d.availability, NULL, count(*) FROM datasets d WHERE {where} GROUP BY 1"),
        ("status", where => $"SELECT d.assessment_status, NULL, count(*) FROM datasets d WHERE {where} AND d.assessment_status IS NOT NULL GROUP BY 1"),
    ];

    static readonly Dictionary<string, IReadOnlyList<Term>> Labels = new()
    {
        ["sector"] = Vocabularies.Sectors, ["level"] = Vocabularies.Levels.Select(l => l.Term).ToList(),
        ["method"] = Vocabularies.Methods, ["availability"] = Vocabularies.Availability, ["status"] = Vocabularies.AssessmentStatuses,
    };

    public static async Task<IResult> SearchAsync(HttpContext http, CatalogueReads reads, IViewerAccessor viewers, TimeProvider clock, CancellationToken ct,
        string? sort = null, int? limit = null, int? offset = null)
    {
        var db = reads.For(viewers.Current(http));
        var errors = new FieldErrors();
        var filter = DatasetFilter.FromQuery(http.Request.Query, errors, clock);
        sort = string.IsNullOrWhiteSpace(sort) ? (filter.Text is null ? "updated" : "relevance") : sort.Trim().ToLowerInvariant();
        if (!Sorts.Contains(sort)) errors.Add("sort", $"'{sort}' is not a sort order; use one of {string.Join(", ", Sorts)}.");
        else if (sort == "relevance" && filter.Text is null) errors.Add("sort", "sort=relevance needs a text query q; or sort by title, updated or period.");
        if (errors.Any) return errors.ToResult();

        var viewer = viewers.Current(http);
        var page = Paging.From(limit, offset, PageSize);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);

        batch.BatchCommands.Add(Statement(filter, viewer, null, where => $"SELECT count(*) FROM datasets d WHERE {where}"));
        batch.BatchCommands.Add(Statement(filter, viewer, null, where => ItemsSql(where, sort), cmd =>
        {
            cmd.Parameters.AddWithValue("limit", page.Limit);
            cmd.Parameters.AddWithValue("offset", page.Offset);
            return DatasetVisibility.SeesDetailSql(viewer, cmd);
        }));
        foreach (var (field, sql) in Facets)
            batch.BatchCommands.Add(Statement(filter, viewer, field, sql));

        await using var rows = await batch.ExecuteReaderAsync(ct);
        await rows.ReadAsync(ct);
        var total = rows.GetInt64(0);
        await rows.NextResultAsync(ct);
        var items = new List<Item>();
        while (await rows.ReadAsync(ct))
            items.Add(new Item(rows.GetInt32(0), rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2),
                new HolderJson(rows.GetInt32(3), rows.GetString(4), rows.IsDBNull(5) ? null : rows.GetString(5)),
                rows.GetFieldValue<string[]>(6), rows.IsDBNull(7) ? null : rows.GetString(7), rows.GetString(8),
                rows.IsDBNull(9) ? null : rows.GetFieldValue<DateOnly>(9), rows.IsDBNull(10) ? null : rows.GetFieldValue<DateOnly>(10),
                rows.GetString(11), rows.GetString(12), rows.IsDBNull(13) ? null : JsonSerializer.Deserialize<double[]>(rows.GetString(13))));
        var facets = new Dictionary<string, List<FacetValue>>();
        foreach (var (field, _) in Facets)
        {
            await rows.NextResultAsync(ct);
            var values = new List<FacetValue>();
            while (await rows.ReadAsync(ct))
            {
                var code = rows.GetString(0);
                var label = rows.IsDBNull(1) ? Labels[field].FirstOrDefault(t => t.Code == code)?.Label ?? code : rows.GetString(1);
                values.Add(new FacetValue(code, label, rows.GetInt64(2)));
            }
            facets[field] = values.OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.Ordinal).ToList();
        }

        var links = FeatureCollectionResult.PageLinks(http.Request, page, total);
        return TypedResults.Ok(new Page(total, page.Limit, page.Offset, items, facets, new()
        {
            ["self"] = links.First(l => l.Rel == "self").Href,
            ["next"] = links.FirstOrDefault(l => l.Rel == "next")?.Href,
            ["prev"] = links.FirstOrDefault(l => l.Rel == "prev")?.Href,
        }));
    }

    /// <summary>One statement of the batch: its own parameters, since each facet leaves a different filter out.</summary>
    static NpgsqlBatchCommand Statement(DatasetFilter filter, Viewer viewer, string? except, Func<string, string> sql,
        Func<NpgsqlCommand, string>? extra = null)
    {
        using var scratch = new NpgsqlCommand();
        var where = filter.ToSql(scratch, viewer, except);
        var detail = extra?.Invoke(scratch) ?? "";
        var statement = new NpgsqlBatchCommand(sql(where).Replace("{detail}", detail));
        foreach (NpgsqlParameter p in scratch.Parameters) statement.Parameters.Add(p.Clone());
        return statement;
    }

    /// <summary>
    /// The page. bbox is the extent of the record's stored geometry as the viewer is served it (Exports/DatasetRecords):
    /// the footprint's or its units', and for viewers who may not see a sensitive record's detail, its townships'.
    /// </summary>
    static string ItemsSql(string where, string sort) => $"""
        SELECT d.id, d.title, d.summary, o.id, o.name, o.acronym, d.sectors::text[], d.disaggregation_level, d.availability,
               d.period_start, d.period_end, d.curation_state, d.visibility,
               (SELECT json_build_array(round(ST_XMin(e)::numeric, 5), round(ST_YMin(e)::numeric, 5),
                                        round(ST_XMax(e)::numeric, 5), round(ST_YMax(e)::numeric, 5))::text
                FROM (SELECT Box2D({DatasetRecords.ServedGeometry("{detail}")}) AS e) b
                WHERE e IS NOT NULL)
        FROM datasets d JOIN organisations o ON o.id = d.holder_id
        WHERE {where}
        ORDER BY {sort switch
        {
            "relevance" => "ts_rank(d.search, websearch_to_tsquery('english', @f_q)) DESC, d.updated_at DESC, d.id DESC",
            "title" => "lower(d.title), d.id",
            "period" => "d.period_end DESC NULLS LAST, d.period_start DESC NULLS LAST, d.id DESC",
            _ => "d.updated_at DESC, d.id DESC",
        }}
        LIMIT @limit OFFSET @offset
        """;
}
