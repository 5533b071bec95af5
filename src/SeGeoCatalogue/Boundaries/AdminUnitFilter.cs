using Npgsql;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Boundaries;

/// <summary>The filters of GET /api/admin-units, as one SQL condition over admin_units.</summary>
public sealed record AdminUnitFilter(AdminLevel? Level, string? Parent, string? Text, BoundingBox? Box)
{
    /// <summary>Adds the parameters to <paramref name="cmd"/> and returns the WHERE condition.</summary>
    public string ToSql(NpgsqlCommand cmd)
    {
        var where = new List<string> { "retired_at IS NULL" };
        if (Level is { } level)
        {
            where.Add("level = @level");
            cmd.Parameters.AddWithValue("level", (short)level);
        }
        if (!string.IsNullOrWhiteSpace(Parent))
        {
            // Any ancestor: parent=MMR011 lists every village tract of Mon, not only its districts.
            where.Add("@parent IN (parent_pcode, state_pcode, district_pcode, township_pcode) AND pcode <> @parent");
            cmd.Parameters.AddWithValue("parent", Parent.Trim().ToUpperInvariant());
        }
        if (!string.IsNullOrWhiteSpace(Text))
        {
            where.Add("(name_en ILIKE @like OR name_my LIKE @like OR pcode ILIKE @prefix)");
            var escaped = Text.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
            cmd.Parameters.AddWithValue("like", $"%{escaped}%");
            cmd.Parameters.AddWithValue("prefix", $"{escaped}%");
        }
        if (Box is { } box)
        {
            // && first so the GiST index on geom picks the candidates.
            where.Add("geom && ST_MakeEnvelope(@x1, @y1, @x2, @y2, 4326) AND ST_Intersects(geom, ST_MakeEnvelope(@x1, @y1, @x2, @y2, 4326))");
            cmd.Parameters.AddWithValue("x1", box.MinLon);
            cmd.Parameters.AddWithValue("y1", box.MinLat);
            cmd.Parameters.AddWithValue("x2", box.MaxLon);
            cmd.Parameters.AddWithValue("y2", box.MaxLat);
        }
        return string.Join(" AND ", where);
    }
}
