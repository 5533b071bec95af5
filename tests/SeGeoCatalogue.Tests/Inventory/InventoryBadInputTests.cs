using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Inventory;

/// <summary>What a stranger's file does to the inventory upload: clear ProblemDetails, bounded work, nothing stored, formulas never run.</summary>
public sealed class InventoryBadInputTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    [Fact]
    public async Task A_file_that_is_not_a_workbook_is_415_and_stores_nothing()
    {
        var member = _app.Client($"member:{await _app.OrganisationAsync("Not xlsx")}");
        var before = await _app.TableCountsAsync();
        var text = await InventoryUploadTests.UploadAsync(member, Encoding.UTF8.GetBytes("title,sectors\nNot a workbook,wash"), fileName: "inventory.xlsx");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.Status);
        Assert.StartsWith("file: 'inventory.xlsx' is neither an .xlsx workbook nor a CSV", (string)text.Json["detail"]!);

        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = new StreamWriter(archive.CreateEntry("readme.txt").Open())) entry.Write("a zip, not a workbook");
        var notWorkbook = await InventoryUploadTests.UploadAsync(member, zip.ToArray());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notWorkbook.Status);
        Assert.StartsWith("file: this is not an .xlsx workbook", (string)notWorkbook.Json["detail"]!);
        Assert.Equal(before, await _app.TableCountsAsync());
    }

    [Fact]
    public async Task A_zip_bomb_renamed_xlsx_stops_at_the_unpacked_limit_with_413()
    {
        var member = _app.Client($"member:{await _app.OrganisationAsync("Bomb")}");
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("[Content_Types].xml").Open().Dispose();
            await using var part = archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 200; i++) await part.WriteAsync(zeros); // 200 MB of zeros, ~200 KB packed
        }
        Assert.True(zip.Length < 1024 * 1024, $"the bomb packs to {zip.Length} bytes");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var bomb = await InventoryUploadTests.UploadAsync(member, zip.ToArray(), fileName: "inventory.xlsx");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bomb.Status);
        Assert.StartsWith("file: the workbook unpacks to more than 64 MB", (string)bomb.Json["detail"]!);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task More_rows_than_the_limit_is_413_naming_it_and_a_body_over_16_MB_too()
    {
        var member = _app.Client($"member:{await _app.OrganisationAsync("Too many")}");
        var template = await member.GetByteArrayAsync("/api/inventory/template.xlsx");
        var rows = Enumerable.Range(1, 5_001).Select(i => new Dictionary<string, object?> { ["title"] = $"Row {i}", ["sectors"] = "wash", ["availability"] = "public" });
        var tooMany = await InventoryUploadTests.UploadAsync(member, Workbooks.Fill(template, rows));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.Status);
        Assert.Equal("file: more than 5,000 records in one upload; split the inventory into files of at most 5,000 rows.", (string)tooMany.Json["detail"]!);

        var huge = await InventoryUploadTests.UploadAsync(member, new byte[17 * 1024 * 1024]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);
        Assert.Contains("larger than 16 MB", (string)huge.Json["detail"]!);
    }

    [Fact]
    public async Task Formula_cells_are_stored_as_text_never_calculated_and_leave_again_neutralised()
    {
        var holder = await _app.OrganisationAsync("Formulas");
        var member = _app.Client($"member:{holder}");
        var template = await member.GetByteArrayAsync("/api/inventory/template.xlsx");
        Dictionary<string, object?> Row(object title, object? summary = null) => new()
            { ["title"] = title, ["summary"] = summary, ["sectors"] = "wash", ["availability"] = "public", ["pcodes"] = "MMR011001" };
        var file = Workbooks.Fill(template, [
            Row(new Workbooks.Formula("SUM(1,1)", null)),
            Row(new Workbooks.Formula("CONCATENATE(\"Cached \",\"title\")", "Cached title")),
            Row("=cmd|' /C calc'!A0", "@SUM(1+1)*cmd"),
        ]);
        var committed = await InventoryUploadTests.UploadAsync(member, file, commit: true);
        Assert.Equal(HttpStatusCode.OK, committed.Status);
        var titles = await _app.Database.ScalarAsync<string[]>("SELECT array_agg(title ORDER BY id) FROM datasets WHERE holder_id = @h", ("h", holder));
        Assert.Equal(["=SUM(1,1)", "Cached title", "=cmd|' /C calc'!A0"], titles);
        await _app.Database.ScalarAsync<int>("UPDATE datasets SET curation_state = 'published', visibility = 'public' WHERE holder_id = @h RETURNING 1", ("h", holder));

        var csv = Encoding.UTF8.GetString(await _app.Client(null).GetByteArrayAsync($"/api/datasets/export?f=csv&holder={holder}"));
        Assert.Contains(",\"'=SUM(1,1)\",", csv, StringComparison.Ordinal);
        Assert.Contains(",'=cmd|' /C calc'!A0,'@SUM(1+1)*cmd,", csv, StringComparison.Ordinal);

        var xlsx = await _app.Client(null).GetByteArrayAsync($"/api/datasets/export?f=xlsx&holder={holder}");
        var records = Workbooks.Records(xlsx);
        var row = records.FindIndex(r => r["title"] == "=cmd|' /C calc'!A0") + 2;
        var (cell, format) = Workbooks.Cell(xlsx, "Records", $"C{row}");
        Assert.Null(cell.CellFormula);
        Assert.Equal("inlineStr", cell.DataType!.InnerText);
        Assert.True(format?.QuotePrefix?.Value, "a formula-like text cell carries the quote prefix");
        var (summary, summaryFormat) = Workbooks.Cell(xlsx, "Records", $"D{row}");
        Assert.Equal("@SUM(1+1)*cmd", summary.InnerText);
        Assert.True(summaryFormat?.QuotePrefix?.Value);
    }

    [Fact]
    public async Task A_CSV_with_the_same_columns_loads_and_its_download_apostrophes_are_taken_off()
    {
        var member = _app.Client($"member:{await _app.OrganisationAsync("CSV")}");
        var csv = "\uFEFFtitle,sectors,availability,pcodes,period_start\r\n\"'=SUM(1,1)\",wash; services,public,MMR011001,2015-02-03\r\nSecond,helth,public,MMR011001,03/02/2015\r\n";
        var dryRun = await InventoryUploadTests.UploadAsync(member, Encoding.UTF8.GetBytes(csv), fileName: "inventory.csv", type: "text/csv");
        Assert.Equal(HttpStatusCode.OK, dryRun.Status);
        Assert.Equal("=SUM(1,1)", (string)dryRun.Json["results"]![0]!["title"]!);
        Assert.Equal("create", (string)dryRun.Json["results"]![0]!["action"]!);
        var problems = dryRun.Json["problems"]!.AsArray().Select(p => $"{p!["row"]} {p["column"]}").Order().ToList();
        Assert.Equal(["3 period_start", "3 sectors"], problems);
    }

    [Fact]
    public async Task A_footprint_given_as_WKT_or_GeoJSON_links_the_units_it_covers_and_anything_else_is_a_problem_of_that_cell()
    {
        var member = _app.Client($"member:{await _app.OrganisationAsync("Footprint cells")}");
        // A square in Mawlamyine township (the same drawn square the open-format tests use), as WKT and as GeoJSON.
        const string wkt = "POLYGON((97.60 16.46, 97.66 16.46, 97.66 16.52, 97.60 16.52, 97.60 16.46))";
        const string geoJson = "{\"\"type\"\":\"\"Polygon\"\",\"\"coordinates\"\":[[[97.60,16.46],[97.66,16.46],[97.66,16.52],[97.60,16.52],[97.60,16.46]]]}";
        var csv = "title,sectors,availability,footprint\r\n" +
                  $"Drawn as WKT,wash,public,\"{wkt}\"\r\n" +
                  $"Drawn as GeoJSON,wash,public,\"{geoJson}\"\r\n" +
                  "Drawn badly,wash,public,a circle around the town\r\n";

        var dryRun = await InventoryUploadTests.UploadAsync(member, Encoding.UTF8.GetBytes(csv), fileName: "inventory.csv", type: "text/csv");

        Assert.Equal(["4 footprint"], dryRun.Json["problems"]!.AsArray().Select(p => $"{p!["row"]} {p["column"]}").ToList());
        var fixedCsv = csv[..csv.LastIndexOf("Drawn badly", StringComparison.Ordinal)];
        var committed = await InventoryUploadTests.UploadAsync(member, Encoding.UTF8.GetBytes(fixedCsv), fileName: "inventory.csv", type: "text/csv", commit: true);
        Assert.Equal(HttpStatusCode.OK, committed.Status);
        foreach (var title in new[] { "Drawn as WKT", "Drawn as GeoJSON" })
            Assert.Contains("MMR011001", await _app.Database.ScalarAsync<string>("""
                SELECT string_agg(l.pcode, ',') FROM dataset_links l JOIN datasets d ON d.id = l.dataset_id
                WHERE d.title = @title AND l.origin = 'footprint'
                """, ("title", title)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CSV_with_a_quote_that_never_closes_is_a_400_naming_the_line_and_stores_nothing()
    {
        var member = _app.Client($"member:{await _app.OrganisationAsync("Broken CSV")}");
        var before = await _app.TableCountsAsync();
        var csv = "title,sectors,availability,pcodes\r\nFine,wash,public,MMR011001\r\n\"Broken\" title,wash,public,MMR011001\r\n";

        var response = await InventoryUploadTests.UploadAsync(member, Encoding.UTF8.GetBytes(csv), fileName: "inventory.csv", type: "text/csv", commit: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("line 3", response.Json.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before, await _app.TableCountsAsync());
    }

    [Fact]
    public async Task HXL_hashtags_follow_the_CSV_header_with_the_states_and_townships_of_each_record()
    {
        var holder = await _app.OrganisationAsync("HXL");
        var body = DatasetTestApp.Body(holder, "HXL record", new JsonObject { ["pcodes"] = new JsonArray("MMR011001", "MMR003") });
        await _app.CreateAsync(body);
        var lines = Encoding.UTF8.GetString(await _app.Client(null).GetByteArrayAsync($"/api/datasets/export?f=csv&hxl=1&holder={holder}"))
            .TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var header = lines[0].Split(',');
        var tags = lines[1].Split(',');
        var expected = new Dictionary<string, string>
        {
            ["id"] = "#meta+id", ["title"] = "#meta+title", ["holder"] = "#org+name", ["holder_id"] = "#org+code", ["sectors"] = "#sector+code+list",
            ["indicators"] = "#indicator+name+list", ["period_start"] = "#date+start", ["period_end"] = "#date+end", ["availability"] = "#access",
            ["pcodes"] = "#loc+code+list", ["state_pcodes"] = "#adm1+code+list", ["township_pcodes"] = "#adm3+code+list",
        };
        foreach (var (column, tag) in expected) Assert.Equal(tag, tags[Array.IndexOf(header, column)]);
        Assert.All(tags, t => Assert.StartsWith("#", t));
        var values = lines[2].Split(',');
        Assert.Equal("MMR003; MMR011", values[Array.IndexOf(header, "state_pcodes")]);
        Assert.Equal("MMR011001", values[Array.IndexOf(header, "township_pcodes")]);

        var plain = Encoding.UTF8.GetString(await _app.Client(null).GetByteArrayAsync($"/api/datasets/export?f=csv&holder={holder}")).Split("\r\n");
        Assert.DoesNotContain("#", plain[1][..1]);
        var wrong = await _app.Client(null).GetAsync($"/api/datasets/export?f=geojson&hxl=1");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("hxl", await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_xlsx_download_holds_exactly_the_records_the_CSV_download_holds_for_each_viewer()
    {
        var holder = await _app.OrganisationAsync("Visibility holder");
        var other = await _app.OrganisationAsync("Visibility other");
        var published = (await _app.CreateAsync(DatasetTestApp.Body(holder, "Published public"))).Id;
        var draft = (await _app.CreateAsync(DatasetTestApp.Body(holder, "Draft"), publish: false)).Id;
        var network = (await _app.CreateAsync(DatasetTestApp.Body(holder, "Network"))).Id;
        await _app.Database.ScalarAsync<int>("UPDATE datasets SET visibility = 'network' WHERE id = @id RETURNING id", ("id", network));
        // Who sees what, written out: the public the public record; another organisation's member also the network one; the holder all three.
        var expected = new Dictionary<string, int[]>
        {
            ["public"] = [published], [$"member:{other}"] = [published, network], [$"member:{holder}"] = [published, draft, network],
        };
        foreach (var (viewer, ids) in expected)
        {
            var client = _app.Client(viewer == "public" ? null : viewer);
            var xlsx = Workbooks.Records(await client.GetByteArrayAsync($"/api/datasets/export?f=xlsx&holder={holder}")).Select(r => int.Parse(r["id"]!, CultureInfo.InvariantCulture)).Order();
            var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/api/datasets/export?f=csv&holder={holder}"))
                .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).Order();
            Assert.Equal(ids.Order(), xlsx);
            Assert.Equal(ids.Order(), csv);
        }
    }

    [Fact]
    public async Task Strangers_may_neither_fetch_the_template_nor_upload()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x.xlsx" } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Client(null).PostAsync("/api/inventory", form)).StatusCode);
    }
}
