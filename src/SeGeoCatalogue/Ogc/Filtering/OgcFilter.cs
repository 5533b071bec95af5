using Npgsql;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Ogc.Filtering;

/// <summary>The filter, filter-lang and filter-crs parameters of OGC API – Features Part 3, read and translated.</summary>
public static class OgcFilter
{
    public static readonly string[] Parameters = ["filter", "filter-lang", "filter-crs"];
    public static readonly string[] Languages = ["cql2-text", "cql2-json"];

    public static readonly string[] ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
        "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
    ];

    /// <summary>The filter as an expression, null when none was given; problems go to <paramref name="errors"/>.</summary>
    public static Cql? Read(string? filter, string? language, string? filterCrs, FieldErrors errors)
    {
        if (filterCrs is not null && OgcCrs.Find(filterCrs) != OgcCrs.Crs84)
            errors.Add("filter-crs", $"'{filterCrs}' is not served; filter geometries are CRS84 ({OgcApi.Crs84}).");
        // "cql-text" is the draft's name, which GDAL 3.6 sends (OGR_OAPIF_ALLOW_CQL_TEXT=YES); its basic syntax is CQL2 text's.
        if (language is "cql-text") language = "cql2-text";
        if (language is not null && !Languages.Contains(language))
            errors.Add("filter-lang", $"'{language}' is not served; give cql2-text (the default) or cql2-json.");
        if (filter is null) return null;
        try
        {
            return language == "cql2-json" ? Cql2Json.Parse(filter) : Cql2Text.Parse(filter);
        }
        catch (CqlException e)
        {
            errors.Add("filter", e.Message);
            return null;
        }
    }

    /// <summary>The SQL condition of <paramref name="filter"/> over the collection's queryables, its values parameters of <paramref name="cmd"/>.</summary>
    public static (string Sql, bool UsesGeometry) Translate(Cql filter, OgcCollection collection, NpgsqlCommand cmd)
    {
        var sql = new CqlSql(cmd, Queryables.For(collection));
        return (sql.Where(filter), sql.UsesGeometry);
    }
}
