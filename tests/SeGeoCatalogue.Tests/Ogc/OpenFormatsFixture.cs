using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Ogc;

/// <summary>
/// A catalogue with three records the public may see and four it may not (network, private, draft, deleted),
/// seeded straight into the tables (the dataset API is another branch's) and indexed with DatasetUnits.
/// </summary>
public sealed class OpenFormatsFixture : IAsyncLifetime
{
    readonly CatalogueFixture _catalogue = new();
    public CatalogueApp App => _catalogue.App;
    public HttpClient Client => _catalogue.Client;

    /// <summary>Picked Mawlamyine and Kyaikmaraw townships; WASH and food security; public.</summary>
    public int Picked { get; private set; }
    /// <summary>A drawn square in Mawlamyine whose detail is restricted (footprint_sensitive); WASH; on request.</summary>
    public int Sensitive { get; private set; }
    /// <summary>All of Mon at state level; services; not available.</summary>
    public int StateLevel { get; private set; }
    public IReadOnlyList<int> Restricted { get; private set; } = [];

    public const string FootprintWkt = "MULTIPOLYGON(((97.60 16.46, 97.66 16.46, 97.66 16.52, 97.60 16.52, 97.60 16.46)))";
    public static readonly string[] PickedTownships = ["MMR011001", "MMR011002"];
    public const string MyanmarSummary = "မွန်ပြည်နယ် အိမ်ထောင်စု စစ်တမ်း";
    public const string HolderMy = "ကရင် အမျိုးသမီး အဖွဲ့";

    public static Geometry Footprint => new WKTReader().Read(FootprintWkt);

    public async Task InitializeAsync()
    {
        await _catalogue.InitializeAsync();
        await using var conn = await App.DataSource.OpenConnectionAsync();
        var wfp = await InsertAsync<int>(conn, "INSERT INTO organisations (name, acronym, type, active, created_at) VALUES ('World Food Programme', 'WFP', 'un-agency', true, now()) RETURNING id");
        var local = await InsertAsync<int>(conn, $"INSERT INTO organisations (name, acronym, type, active, created_at) VALUES ('{HolderMy}', 'KWO', 'national-ngo', true, now()) RETURNING id");

        Picked = await DatasetAsync(conn, "Mon household food security survey", MyanmarSummary, wfp, "{wash,food-security}", "public",
            "2015-01-01", "2015-06-30", links: """[{"url":"https://example.org/mon-fsa.xlsx","title":"Tables"}]""", contact: "Aye Aye, aye.aye@example.org");
        await LinkAsync(conn, Picked, PickedTownships);
        Sensitive = await DatasetAsync(conn, "Mawlamyine water points", "Surveyed wells", local, "{wash}", "on-request",
            "2016-01-01", "2016-12-31", footprint: FootprintWkt, sensitive: true);
        await using (var footprintLinks = new NpgsqlCommand("""
            INSERT INTO dataset_links (dataset_id, pcode, origin, share, edition_id)
            SELECT @id, u.pcode, 'footprint', 0.5, (SELECT max(id) FROM boundary_editions)
            FROM admin_units u WHERE u.level = 4 AND ST_Intersects(u.geom, ST_GeomFromText(@wkt, 4326))
            """, conn))
        {
            footprintLinks.Parameters.AddWithValue("id", Sensitive);
            footprintLinks.Parameters.AddWithValue("wkt", FootprintWkt);
            await footprintLinks.ExecuteNonQueryAsync();
        }
        StateLevel = await DatasetAsync(conn, "Mon clinics register", null, wfp, "{services}", "not-available", "2014-03-29", "2014-04-10", level: "state");
        await LinkAsync(conn, StateLevel, ["MMR011"]);

        var restricted = new List<int>
        {
            await DatasetAsync(conn, "RESTRICTED network record", null, wfp, "{wash}", "public", "2015-01-01", "2015-12-31", visibility: "network"),
            await DatasetAsync(conn, "RESTRICTED private record", null, wfp, "{wash}", "public", "2015-01-01", "2015-12-31", visibility: "private"),
            await DatasetAsync(conn, "RESTRICTED draft record", null, wfp, "{wash}", "public", "2015-01-01", "2015-12-31", state: "draft"),
            await DatasetAsync(conn, "RESTRICTED deleted record", null, wfp, "{wash}", "public", "2015-01-01", "2015-12-31", deleted: true),
        };
        foreach (var id in restricted) await LinkAsync(conn, id, ["MMR011", "MMR011001"]);
        Restricted = restricted;

        foreach (var id in new[] { Picked, Sensitive, StateLevel }.Concat(restricted))
            await DatasetUnits.RefreshAsync(conn, id);
    }

    public Task DisposeAsync() => _catalogue.DisposeAsync();

    public async Task<JsonNode> GetJson(string url)
    {
        var response = await Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static async Task<T> InsertAsync<T>(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task<int> DatasetAsync(NpgsqlConnection conn, string title, string? summary, int holder, string sectors, string availability,
        string start, string end, string? links = null, string? contact = null, string? footprint = null, bool sensitive = false,
        string level = "township", string visibility = "public", string state = "published", bool deleted = false)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO datasets (title, summary, holder_id, contact, source, sectors, indicators, disaggregation_level, methods,
              period_start, period_end, availability, formats, links, curation_state, visibility, footprint, footprint_sensitive,
              footprint_threshold, is_demo, created_by, created_at, updated_by, updated_at, deleted_at)
            VALUES (@title, @summary, @holder, @contact, 'Seed', @sectors::text[], '{Food Consumption Score,Water point count}', @level,
              '{household-survey}', @start::date, @end::date, @availability, '{xlsx}', @links::jsonb, @state, @visibility,
              ST_Multi(ST_GeomFromText(@footprint, 4326)), @sensitive, 0.05, false, 'seed', now(), 'seed', now(),
              CASE WHEN @deleted THEN now() END)
            RETURNING id
            """, conn);
        cmd.Parameters.AddWithValue("title", title);
        cmd.Parameters.AddWithValue("summary", (object?)summary ?? DBNull.Value);
        cmd.Parameters.AddWithValue("holder", holder);
        cmd.Parameters.AddWithValue("contact", (object?)contact ?? DBNull.Value);
        cmd.Parameters.AddWithValue("sectors", sectors);
        cmd.Parameters.AddWithValue("level", level);
        cmd.Parameters.AddWithValue("start", start);
        cmd.Parameters.AddWithValue("end", end);
        cmd.Parameters.AddWithValue("availability", availability);
        cmd.Parameters.AddWithValue("links", links ?? "[]");
        cmd.Parameters.AddWithValue("state", state);
        cmd.Parameters.AddWithValue("visibility", visibility);
        cmd.Parameters.Add(new NpgsqlParameter("footprint", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)footprint ?? DBNull.Value });
        cmd.Parameters.AddWithValue("sensitive", sensitive);
        cmd.Parameters.AddWithValue("deleted", deleted);
        return (int)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task LinkAsync(NpgsqlConnection conn, int id, string[] pcodes)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO dataset_links (dataset_id, pcode, origin, share, edition_id)
            SELECT @id, p, 'picked', NULL, (SELECT max(id) FROM boundary_editions) FROM unnest(@pcodes) p
            """, conn);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("pcodes", pcodes);
        await cmd.ExecuteNonQueryAsync();
    }
}
