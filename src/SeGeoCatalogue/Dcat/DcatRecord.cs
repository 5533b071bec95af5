using System.Text.Json;
using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Exports;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Dcat;

/// <summary>A visible record as DCAT and schema.org describe it: its fields, the box and centroid of its geometry as the viewer is served it, its linked places.</summary>
public sealed record DcatRecord(JsonElement Fields, double[]? Box, double[]? Centroid, IReadOnlyList<DcatRecord.Place> Places)
{
    public sealed record Place(string Pcode, string? NameEn, string? NameMy);

    public int Id => Fields.GetProperty("id").GetInt32();
    public string? Text(string name) => Fields.GetProperty(name).ValueKind == JsonValueKind.String ? Fields.GetProperty(name).GetString() : null;
    public IEnumerable<string> List(string name) =>
        Fields.GetProperty(name) is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().Select(v => v.GetString()!) : [];

    /// <summary>The SELECT of records matching <paramref name="where"/> (which holds the visibility rule), with the columns <see cref="ReadAsync"/> reads.</summary>
    public static string Sql(string where, NpgsqlCommand cmd, Viewer viewer) => DatasetRecords.Select(Columns, where, cmd, viewer);

    /// <summary>One page (<c>@limit</c>, <c>@offset</c>) of <see cref="Sql"/> in <paramref name="orderBy"/> order.</summary>
    public static string PageSql(string where, NpgsqlCommand cmd, Viewer viewer, string orderBy = "d.id") =>
        DatasetRecords.Page(Columns, where, cmd, viewer, orderBy);

    static string Columns => $"""
        {DatasetRecords.PropertiesJson}::text,
        ST_XMin(g.geom), ST_YMin(g.geom), ST_XMax(g.geom), ST_YMax(g.geom), ST_X(ST_Centroid(g.geom)), ST_Y(ST_Centroid(g.geom)),
        (SELECT json_agg(json_build_object('pcode', u.pcode, 'name_en', u.name_en, 'name_my', u.name_my) ORDER BY u.pcode)
         FROM admin_units u WHERE u.pcode = ANY({DatasetRecords.Pcodes}))::text
        """;

    public static async Task<List<DcatRecord>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var records = new List<DcatRecord>();
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            using var fields = JsonDocument.Parse(rows.GetString(0));
            double[]? box = rows.IsDBNull(1) ? null : [rows.GetDouble(1), rows.GetDouble(2), rows.GetDouble(3), rows.GetDouble(4)];
            double[]? centroid = rows.IsDBNull(5) ? null : [rows.GetDouble(5), rows.GetDouble(6)];
            var places = rows.IsDBNull(7) ? [] : JsonSerializer.Deserialize<List<Place>>(rows.GetString(7), JsonOptions)!;
            records.Add(new DcatRecord(fields.RootElement.Clone(), box, centroid, places));
        }
        return records;
    }

    static readonly JsonSerializerOptions JsonOptions = JsonConventions.Options;

    public static string SectorLabel(string code) => Vocabularies.Sectors.FirstOrDefault(s => s.Code == code)?.Label ?? code;
}
