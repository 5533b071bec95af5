using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Footprints;

/// <summary>
/// Issue 10, item 2: POST /api/footprints/read ends, promptly, whatever the upload is, and leaves no temp file.
/// The uploads are built here with Microsoft.Data.Sqlite, as an attacker would.
/// </summary>
public sealed class HostileUploadTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>, IDisposable
{
    readonly string _tempDirectory = Directory.CreateTempSubdirectory("segeo-uploads-").FullName;
    static readonly TimeSpan Prompt = TimeSpan.FromSeconds(30);

    DatasetTestApp App(params (string, string)[] settings) =>
        new(fixture, [("Footprints:TempDirectory", _tempDirectory), ("Footprints:ReadSeconds", "5"), .. settings]);

    [Fact]
    public async Task A_GeoPackage_layer_that_is_an_endless_recursive_view_is_refused_promptly()
    {
        var gpkg = GeoPackage("""
            CREATE VIEW endless AS
              WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n AS fid, NULL AS geom FROM r;
            INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('endless', 'features', 'endless', 4326);
            INSERT INTO gpkg_geometry_columns VALUES ('endless', 'geom', 'MULTIPOLYGON', 4326, 0, 0);
            """);

        var (response, elapsed) = await UploadAsync(App().Client(), gpkg);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "file");
        Assert.True(elapsed < Prompt, $"took {elapsed}");
        Assert.Empty(Directory.GetFiles(_tempDirectory));
    }

    [Fact]
    public async Task A_GeoPackage_whose_gpkg_contents_is_an_endless_view_is_refused_promptly()
    {
        var gpkg = GeoPackage("""
            DROP TABLE gpkg_contents;
            CREATE VIEW gpkg_contents AS
              WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
              SELECT 'layer' || n AS table_name, 'features' AS data_type, 'layer' || n AS identifier, 4326 AS srs_id FROM r;
            """);

        var (response, elapsed) = await UploadAsync(App().Client(), gpkg);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "file");
        Assert.True(elapsed < Prompt, $"took {elapsed}");
        Assert.Empty(Directory.GetFiles(_tempDirectory));
    }

    [Fact]
    public async Task A_GeoPackage_layer_of_endless_NULL_geometries_in_a_real_table_stops_at_the_row_cap()
    {
        var gpkg = GeoPackage("""
            CREATE TABLE nulls (fid INTEGER PRIMARY KEY, geom BLOB);
            WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 300000) INSERT INTO nulls (fid) SELECT n FROM r;
            INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('nulls', 'features', 'nulls', 4326);
            INSERT INTO gpkg_geometry_columns VALUES ('nulls', 'geom', 'MULTIPOLYGON', 4326, 0, 0);
            """);

        var (response, elapsed) = await UploadAsync(App(("Footprints:MaxRows", "1000")).Client(), gpkg);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "file");
        Assert.True(elapsed < Prompt, $"took {elapsed}");
        Assert.Empty(Directory.GetFiles(_tempDirectory));
    }

    [Fact]
    public async Task A_chunked_upload_over_the_size_limit_is_a_413_problem()
    {
        const int limit = 1024 * 1024;
        long? seenLength = -1;
        // Over real sockets (Kestrel): the in-memory test server would compute a Content-Length for the body.
        await using var kestrel = fixture.App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Footprints:MaxBodyBytes", limit.ToString(CultureInfo.InvariantCulture));
            b.UseSetting("Footprints:TempDirectory", _tempDirectory);
            // Records what the server was told about the body's length: nothing, for a chunked upload.
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new Observe(http => seenLength = http.Request.ContentLength)));
        });
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        // A plain client: the factory's redirect handler buffers request bodies (and so would send a Content-Length).
        var address = kestrel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.Authorize(await TestAccounts.TokenAsync(fixture.App.Services, SeGeoCatalogue.Accounts.Roles.Curator, null));
        var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[3 * limit]), "file", "big.gpkg" } };
        var upload = new ChunkedContent(await form.ReadAsByteArrayAsync());
        upload.Headers.ContentType = form.Headers.ContentType;

        var response = await client.PostAsync("/api/footprints/read", upload);

        Assert.True(seenLength is null, $"the server saw Content-Length {seenLength}");
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "file");
        Assert.Empty(Directory.GetFiles(_tempDirectory));
    }

    sealed class Observe(Action<HttpContext> observe) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, then) => { observe(http); return then(http); });
            next(app);
        };
    }

    static async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> UploadAsync(HttpClient client, byte[] gpkg)
    {
        client.Timeout = TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        var response = await client.PostAsync("/api/footprints/read",
            new MultipartFormDataContent { { new ByteArrayContent(gpkg), "file", "hostile.gpkg" } });
        return (response, clock.Elapsed);
    }

    static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]), text);
        if (field is not null) Assert.Contains(field, (string)problem["detail"]! + problem["errors"]?.ToJsonString());
    }

    /// <summary>A GeoPackage with the standard metadata tables (WGS 84 defined), then <paramref name="sql"/>.</summary>
    static byte[] GeoPackage(string sql)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hostile-{Guid.NewGuid():N}.gpkg");
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = """
                    PRAGMA application_id = 1196444487;
                    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
                        organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
                    INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]', NULL);
                    CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
                        description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
                    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
                        srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));
                    """ + sql;
                command.ExecuteNonQuery();
            }
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A body sent with Transfer-Encoding: chunked (no Content-Length), in 64 KB pieces.</summary>
    sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < bytes.Length; offset += 65536)
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(65536, bytes.Length - offset)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    public void Dispose() => Directory.Delete(_tempDirectory, recursive: true);
}
