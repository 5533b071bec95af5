using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Ogc;

/// <summary>One JSON convention for every writer: Myanmar script as characters, snake_case names (OGC's own names aside).</summary>
public sealed partial class JsonConventionTests(OpenFormatsFixture fixture) : IClassFixture<OpenFormatsFixture>
{
    /// <summary>Member names the OGC API standard itself spells in camelCase.</summary>
    static readonly HashSet<string> OgcNames = ["numberMatched", "numberReturned", "timeStamp", "itemType", "crs", "storageCrs"];

    /// <summary>Routes and the Myanmar text each must carry: the record's summary, or Mon's name in the boundary file.</summary>
    public static TheoryData<string, bool> Routes => new()
    {
        { "/api/datasets/{picked}", true },                    // minimal-API result (System.Text.Json)
        { "/api/datasets?q=household", true },                 // the search (System.Text.Json)
        { "/ogc/collections/datasets/items", true },           // streamed FeatureCollection (Utf8JsonWriter) of PostGIS-built features
        { "/api/datasets/export?f=geojson", true },            // download
        { "/api/admin-units/MMR011", false },                  // PostGIS json_build_object
        { "/api/coverage?level=state&geometry=none", false },  // coverage (Utf8JsonWriter over rows)
        { "/ogc/collections/datasets/items/{picked}", true },  // one feature (JsonNode)
        { "/api/datasets/{picked}/dcat", true },               // JSON-LD (JsonNode); its names are DCAT's
        { "/api/datasets/{picked}/schema-org", true },
        { "/api/dcat", true },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Myanmar_script_is_written_as_characters_and_names_are_snake_case(string route, bool summary)
    {
        var myanmar = summary ? OpenFormatsFixture.MyanmarSummary
            : BoundaryData.Read("townships.geojson").First(f => f.Property("st_pcode") == "MMR011").Property("st_name_my");
        var url = route.Replace("{picked}", fixture.Picked.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var response = await fixture.Client.GetAsync(url);
        var raw = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, $"{url}: {raw}");
        Assert.DoesNotMatch(EscapedMyanmar(), raw);
        Assert.True(raw.Contains(myanmar, StringComparison.Ordinal), raw[..Math.Min(600, raw.Length)]);
        if (url.Contains("dcat", StringComparison.Ordinal) || url.Contains("schema-org", StringComparison.Ordinal)) return; // JSON-LD names are the vocabularies'
        var names = Names(JsonNode.Parse(raw)).Distinct().Where(n => !OgcNames.Contains(n) && !SnakeCase().IsMatch(n)).ToList();
        Assert.True(names.Count == 0, $"{url}: not snake_case: {string.Join(", ", names)}");
    }

    static IEnumerable<string> Names(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Names(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Names),
        _ => [],
    };

    [GeneratedRegex(@"\\u10[0-9a-fA-F]{2}")]
    private static partial Regex EscapedMyanmar();

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex SnakeCase();
}
