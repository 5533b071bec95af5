using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Inventory;

/// <summary>
/// The inventory round: a template made by the service, filled here with 200 rows as Excel would save them, loaded as a
/// dry run (exact per-cell problems, nothing stored), then committed in one transaction, exported and loaded again.
/// </summary>
public sealed class InventoryUploadTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    /// <summary>Row numbers as Excel shows them (row 1 is the header): each mistake, the column it must be reported in, and the words.</summary>
    static readonly (int Row, string Column, object? Value, string Message)[] Mistakes =
    [
        (7, "sectors", "health", "'health' is not a sector; did you mean 'services'?"),
        (12, "period_start", "2015-13-01", "'2015-13-01' is not a date"),
        (20, "title", null, "Give the dataset a title."),
        (33, "availability", "Public", "'Public' is not an availability; did you mean 'public'?"),
        (41, "pcodes", "Nowhere Town", "'Nowhere Town' is neither a pcode nor the English name of an admin unit"),
        (55, "pcodes", "MMR999999", "Unknown pcodes: MMR999999."),
        (60, "period_end", new DateOnly(2014, 1, 31), "The reference period ends (2014-01-31) before it starts (2015-01-01)"),
        (77, "holder_id", "OTHER", "members load records only for their own organisation"),
        (88, "disaggregation_level", "tsp", "'tsp' is not a level."),
        (99, "links", "Report | not a url", "'not a url' is not a web address"),
        (120, "footprint_sensitive", "maybe", "'maybe' is not true or false"),
        (150, "visibility", "public", "Only a MIMU curator chooses who sees a record"),
        (180, "id", 999999, "there is no record 999999 that you may see"),
    ];

    [Fact]
    public async Task Two_hundred_rows_with_mistakes_give_exactly_the_expected_problems_store_nothing_and_once_fixed_commit_in_one_transaction()
    {
        var holder = await _app.OrganisationAsync("Inventory holder");
        var other = await _app.OrganisationAsync("Someone else");
        var member = _app.Client($"member:{holder}");
        var template = await member.GetByteArrayAsync("/api/inventory/template.xlsx");
        var (township, ambiguous) = await NamesAsync();

        var rows = Enumerable.Range(2, 200).Select(n => GoodRow(n, township, ambiguous)).ToList();
        foreach (var (row, column, value, _) in Mistakes)
            rows[row - 2][column] = value is "OTHER" ? other : value;
        var before = await _app.TableCountsAsync();

        var dryRun = await UploadAsync(member, Workbooks.Fill(template, rows));
        Assert.Equal(HttpStatusCode.OK, dryRun.Status);
        var problems = dryRun.Json["problems"]!.AsArray().Select(p => ((int)p!["row"]!, (string)p["column"]!, (string)p["message"]!)).ToList();
        Assert.Equal(Mistakes.Select(m => (m.Row, m.Column)).Order(), problems.Select(p => (p.Item1, p.Item2)).Order());
        foreach (var (row, column, _, message) in Mistakes)
            Assert.StartsWith(message, problems.Single(p => p.Item1 == row && p.Item2 == column).Item3);
        Assert.Contains(dryRun.Json["problems"]!.AsArray(), p => (string)p!["text"]! == "row 7, column sectors: 'health' is not a sector; did you mean 'services'? " +
            "Use codes from physical, hazards, demographics, infrastructure, administration, services, wash, food-security, development-assistance, " +
            "local-governance, economic, security-protection, land-natural-resources, justice, assessments.");
        Assert.Equal(200 - Mistakes.Length, (int)dryRun.Json["create"]!);
        Assert.True((bool)dryRun.Json["dry_run"]!);
        Assert.Equal(before, await _app.TableCountsAsync());

        var refused = await UploadAsync(member, Workbooks.Fill(template, rows), commit: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(before, await _app.TableCountsAsync());

        var fixedRows = Enumerable.Range(2, 200).Select(n => GoodRow(n, township, ambiguous)).ToList();
        var committed = await UploadAsync(member, Workbooks.Fill(template, fixedRows), commit: true);
        Assert.Equal(HttpStatusCode.OK, committed.Status);
        Assert.True((bool)committed.Json["committed"]!);
        Assert.Equal(200L, await _app.Database.ScalarAsync<long>("SELECT count(*) FROM datasets WHERE holder_id = @h", ("h", holder)));
        // One transaction: every row carries the same inserting transaction id.
        Assert.Equal(1L, await _app.Database.ScalarAsync<long>("SELECT count(DISTINCT xmin::text) FROM datasets WHERE holder_id = @h", ("h", holder)));
        Assert.Equal(200L, await _app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM dataset_changes c JOIN datasets d ON d.id = c.dataset_id WHERE d.holder_id = @h AND c.action = 'created'", ("h", holder)));
        // Names became pcodes: the township by its English name, the shared village-tract name by its township.
        Assert.Equal(ambiguous.Pcode, await _app.Database.ScalarAsync<string>("""
            SELECT l.pcode FROM dataset_links l JOIN datasets d ON d.id = l.dataset_id
            WHERE d.holder_id = @h AND d.title = 'Inventory record 005' AND l.origin = 'picked'
            """, ("h", holder)));
        Assert.Equal(township.Pcode, await _app.Database.ScalarAsync<string>("""
            SELECT l.pcode FROM dataset_links l JOIN datasets d ON d.id = l.dataset_id
            WHERE d.holder_id = @h AND d.title = 'Inventory record 006' AND l.origin = 'picked'
            """, ("h", holder)));
    }

    [Fact]
    public async Task A_download_uploaded_again_changes_nothing_and_keeps_Myanmar_text_dates_links_and_footprints()
    {
        var holder = await _app.OrganisationAsync("Round trip holder");
        var member = _app.Client($"member:{holder}");
        var (township, ambiguous) = await NamesAsync();
        var template = await member.GetByteArrayAsync("/api/inventory/template.xlsx");
        var rows = Enumerable.Range(2, 30).Select(n => GoodRow(n, township, ambiguous)).ToList();
        Ok(await UploadAsync(member, Workbooks.Fill(template, rows), commit: true));
        var drawn = DatasetTestApp.Body(holder, "ရေ နှင့် သန့်ရှင်းရေး စစ်တမ်း",
            new JsonObject { ["footprint"] = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[97.6,16.4],[97.7,16.4],[97.7,16.5],[97.6,16.5],[97.6,16.4]]]}""") });
        drawn["summary"] = "ပထမ စာကြောင်း\nSecond line, with \"quotes\"";
        var created = await member.PostAsJsonAsync("/api/datasets", drawn);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var export = await member.GetByteArrayAsync($"/api/datasets/export?f=xlsx&holder={holder}");
        var records = Workbooks.Records(export);
        Assert.Equal(31, records.Count);
        var myanmar = records.Single(r => r["title"] == "ရေ နှင့် သန့်ရှင်းရေး စစ်တမ်း");
        Assert.Equal("ပထမ စာကြောင်း\nSecond line, with \"quotes\"", myanmar["summary"]);
        Assert.Equal(new DateTime(2015, 6, 30), DateTime.FromOADate(double.Parse(myanmar["period_end"]!, System.Globalization.CultureInfo.InvariantCulture)));
        var first = records.Single(r => r["title"] == "Inventory record 002");
        Assert.Equal("Report | https://example.org/report/2", first["links"]);
        Assert.Equal("wash; services", first["sectors"]);

        var again = Ok(await UploadAsync(member, export));
        Assert.True(again.Json["problems"]!.AsArray().Count == 0, again.Json["problems"]!.ToJsonString());
        Assert.Equal(31, (int)again.Json["unchanged"]!);
        Assert.Equal(0, (int)again.Json["create"]! + (int)again.Json["update"]!);
    }

    [Fact]
    public async Task A_row_changed_by_someone_else_since_the_download_is_refused_and_nothing_is_applied()
    {
        var holder = await _app.OrganisationAsync("Stale holder");
        var member = _app.Client($"member:{holder}");
        var a = (await _app.CreateAsync(DatasetTestApp.Body(holder, "First record"), publish: false)).Id;
        var b = (await _app.CreateAsync(DatasetTestApp.Body(holder, "Second record"), publish: false)).Id;
        var export = await member.GetByteArrayAsync($"/api/datasets/export?f=xlsx&holder={holder}");
        await _app.Database.ScalarAsync<int>("UPDATE datasets SET title = 'Changed meanwhile' WHERE id = @id RETURNING id", ("id", b));

        var records = Workbooks.Records(export);
        var rows = records.Select(r => (IReadOnlyDictionary<string, object?>)r.ToDictionary(p => p.Key, p => (object?)p.Value)).ToList();
        foreach (var row in rows) ((Dictionary<string, object?>)row)["title"] = $"{row["title"]} (edited)";
        var edited = Workbooks.Fill(export, rows);

        var dryRun = await UploadAsync(member, edited);
        var stale = Assert.Single(dryRun.Json["problems"]!.AsArray());
        Assert.Equal("row_version", (string)stale!["column"]!);
        Assert.Equal(records.FindIndex(r => r["id"] == b.ToString(CultureInfo.InvariantCulture)) + 2, (int)stale["row"]!);
        Assert.Contains($"record {b} changed since this workbook was made", (string)stale["message"]!);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await UploadAsync(member, edited, commit: true)).Status);
        Assert.Equal("First record", await _app.Database.ScalarAsync<string>("SELECT title FROM datasets WHERE id = @id", ("id", a)));
        Assert.Equal("Changed meanwhile", await _app.Database.ScalarAsync<string>("SELECT title FROM datasets WHERE id = @id", ("id", b)));
    }

    [Fact]
    public async Task An_edited_download_updates_only_the_changed_rows_as_PUT_would_and_a_curator_loads_for_any_organisation()
    {
        var holder = await _app.OrganisationAsync("Update holder");
        var second = await _app.OrganisationAsync("Second holder");
        var member = _app.Client($"member:{holder}");
        var published = (await _app.CreateAsync(DatasetTestApp.Body(holder, "Published survey"))).Id;
        var draft = (await _app.CreateAsync(DatasetTestApp.Body(holder, "Draft survey"), publish: false)).Id;
        var export = await member.GetByteArrayAsync($"/api/datasets/export?f=xlsx&holder={holder}");
        var rows = Workbooks.Records(export).Select(r => r.ToDictionary(p => p.Key, p => (object?)p.Value)).ToList();
        rows.Single(r => (string?)r["id"] == published.ToString(CultureInfo.InvariantCulture))["summary"] = "Now with the 2016 round";

        var dryRun = await UploadAsync(member, Workbooks.Fill(export, rows));
        Assert.Equal((1, 1, 0), ((int)dryRun.Json["update"]!, (int)dryRun.Json["unchanged"]!, (int)dryRun.Json["create"]!));
        var update = dryRun.Json["results"]!.AsArray().Single(r => (string)r!["action"]! == "update")!;
        Assert.Equal(published, (int)update["id"]!);
        Assert.Equal(["summary"], update["changes"]!.AsArray().Select(c => (string)c!));

        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(member, Workbooks.Fill(export, rows), commit: true)).Status);
        Assert.Equal("Now with the 2016 round", await _app.Database.ScalarAsync<string>("SELECT summary FROM datasets WHERE id = @id", ("id", published)));
        // A member's change to a published record sends it back to review, as PUT does; the untouched draft keeps its history.
        Assert.Equal("submitted", await _app.Database.ScalarAsync<string>("SELECT curation_state FROM datasets WHERE id = @id", ("id", published)));
        Assert.Equal(1L, await _app.Database.ScalarAsync<long>("SELECT count(*) FROM dataset_changes WHERE dataset_id = @id AND action = 'updated'", ("id", published)));
        Assert.Equal(0L, await _app.Database.ScalarAsync<long>("SELECT count(*) FROM dataset_changes WHERE dataset_id = @id AND action = 'updated'", ("id", draft)));

        var template = await member.GetByteArrayAsync("/api/inventory/template.xlsx");
        Dictionary<string, object?> For(int org, string title) => new() { ["title"] = title, ["holder_id"] = org, ["sectors"] = "wash", ["availability"] = "public" };
        var curated = await UploadAsync(_app.Client("curator"), Workbooks.Fill(template, [For(holder, "Curated A"), For(second, "Curated B")]), commit: true);
        Assert.Equal(HttpStatusCode.OK, curated.Status);
        Assert.Equal(1L, await _app.Database.ScalarAsync<long>("SELECT count(*) FROM datasets WHERE holder_id = @h AND title = 'Curated B'", ("h", second)));
        var refused = await UploadAsync(member, Workbooks.Fill(template, [For(second, "Not ours")]));
        Assert.Equal("holder_id", (string)refused.Json["problems"]![0]!["column"]!);
    }

    [Fact]
    public async Task The_template_has_the_record_columns_drop_downs_from_the_vocabularies_admin_units_and_a_read_me()
    {
        var template = await _app.Client("curator").GetByteArrayAsync("/api/inventory/template.xlsx");
        Assert.Equal(["Read me", "Records", "Admin units", "Lists"], Workbooks.SheetNames(template).Select(s => s.Name));
        Assert.Equal("hidden", Workbooks.SheetNames(template).Single(s => s.Name == "Lists").State);
        string[] columns = ["id", "row_version", "title", "summary", "holder_id", "holder", "contact", "source", "license", "sectors", "indicators",
            "disaggregation_level", "methods", "spatial_completeness", "period_start", "period_end", "collected_on", "update_frequency",
            "availability", "formats", "links", "assessment_status", "visibility", "footprint_sensitive", "pcodes", "footprint", "curation_state"];
        var records = Workbooks.Rows(template, "Records");
        Assert.Equal(columns, records[0]);
        Assert.Single(records);

        // Each drop-down's range on the Lists sheet holds exactly the vocabulary's codes.
        var lists = Workbooks.Rows(template, "Lists");
        var expected = new Dictionary<string, string[]>
        {
            ["sectors"] = ["physical", "hazards", "demographics", "infrastructure", "administration", "services", "wash", "food-security",
                "development-assistance", "local-governance", "economic", "security-protection", "land-natural-resources", "justice", "assessments"],
            ["disaggregation_level"] = ["state", "district", "township", "village-tract", "village", "household", "point"],
            ["methods"] = ["census", "household-survey", "key-informant-interviews", "focus-groups", "administrative-records", "remote-sensing", "gps-mapping", "secondary-review", "other"],
            ["spatial_completeness"] = ["complete", "sample"],
            ["update_frequency"] = ["one-off", "continuous", "monthly", "quarterly", "annual", "irregular", "unknown"],
            ["availability"] = ["public", "members", "on-request", "not-available"],
            ["assessment_status"] = ["planned", "ongoing", "completed"],
            ["visibility"] = ["public", "network", "private"],
            ["footprint_sensitive"] = ["true", "false"],
        };
        var dropDowns = Workbooks.DropDowns(template, "Records");
        Assert.Equal(expected.Count, dropDowns.Count);
        foreach (var (column, codes) in expected)
        {
            var letter = (char)('A' + Array.IndexOf(columns, column));
            var dropDown = Assert.Single(dropDowns, d => d.SequenceOfReferences!.InnerText == $"{letter}2:{letter}5001");
            var source = dropDown.Formula1!.Text; // Lists!$C$2:$C$9
            var listColumn = source.Split('$')[1][0] - 'A';
            var last = int.Parse(source.Split('$')[^1], CultureInfo.InvariantCulture);
            Assert.Equal(codes, lists.Skip(1).Take(last - 1).Select(r => listColumn < r.Count ? r[listColumn] : null));
            Assert.Equal(column is "sectors" or "methods" ? "warning" : "stop", dropDown.ErrorStyle?.InnerText ?? "stop");
        }

        var units = Workbooks.Rows(template, "Admin units");
        Assert.Equal(["pcode", "name_en", "name_my", "level", "parent_pcode", "parent_name_en"], units[0]);
        Assert.Equal(await _app.Database.ScalarAsync<long>("SELECT count(*) FROM admin_units WHERE retired_at IS NULL"), units.Count - 1);
        var township = units.Single(r => r[0] == "MMR011001");
        Assert.Equal(await _app.Database.ScalarAsync<string>("SELECT name_my FROM admin_units WHERE pcode = 'MMR011001'"), township[2]);
        Assert.Equal("township", township[3]);
        Assert.Contains(Workbooks.Rows(template, "Read me"), r => r[0]!.Contains("nothing is stored until you press Apply", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Client(null).GetAsync("/api/inventory/template.xlsx")).StatusCode);
    }

    /// <summary>A township's English name, and a village-tract name several tracts share with the township of one of them.</summary>
    async Task<((string Name, string Pcode) Township, (string Name, string Township, string Pcode) Tract)> NamesAsync()
    {
        // Counted once per name (a correlated count per unit took over 30 s on a loaded machine).
        const string names = """
            WITH n AS (SELECT lower(name_en) k, count(*) c, count(*) FILTER (WHERE level <> 4) wider
                       FROM admin_units WHERE retired_at IS NULL AND name_en IS NOT NULL GROUP BY 1)
            """;
        var township = await _app.Database.ScalarAsync<string>(names + """
            SELECT t.name_en || '|' || t.pcode FROM admin_units t JOIN n ON n.k = lower(t.name_en)
            WHERE t.level = 3 AND t.retired_at IS NULL AND n.c = 1
            ORDER BY t.pcode LIMIT 1
            """);
        // The same counts per name, as window functions over one scan (joining the grouped CTEs planned as nested loops
        // and took seconds on a busy machine).
        var tract = await _app.Database.ScalarAsync<string>("""
            WITH named AS (SELECT u.pcode, u.name_en, u.level, u.township_pcode,
                                  count(*) OVER (PARTITION BY lower(u.name_en)) AS c,
                                  count(*) FILTER (WHERE u.level <> 4) OVER (PARTITION BY lower(u.name_en)) AS wider,
                                  count(*) OVER (PARTITION BY lower(u.name_en), u.township_pcode) AS in_township
                           FROM admin_units u WHERE u.retired_at IS NULL AND u.name_en IS NOT NULL)
            SELECT v.name_en || '|' || t.name_en || '|' || v.pcode
            FROM named v JOIN named t ON t.pcode = v.township_pcode
            WHERE v.level = 4 AND v.c > 1 AND v.wider = 0 AND t.c = 1 AND v.in_township = 1
            ORDER BY v.pcode LIMIT 1
            """);
        var parts = tract.Split('|');
        return ((township.Split('|')[0], township.Split('|')[1]), (parts[0], parts[1], parts[2]));
    }

    static Dictionary<string, object?> GoodRow(int row, (string Name, string Pcode) township, (string Name, string Township, string Pcode) tract) => new()
    {
        ["title"] = $"Inventory record {row:D3}",
        ["summary"] = $"ရေ နှင့် သန့်ရှင်းရေး {row}\nSecond line",
        ["sectors"] = row % 2 == 0 ? "wash; services" : "food-security",
        ["indicators"] = "Water points; Latrines",
        ["disaggregation_level"] = "township",
        ["methods"] = "household-survey",
        ["period_start"] = new DateOnly(2015, 1, 1),
        ["period_end"] = "2015-06-30",
        ["update_frequency"] = "annual",
        ["availability"] = "public",
        ["formats"] = "xlsx; shp",
        ["links"] = $"Report | https://example.org/report/{row}",
        ["footprint_sensitive"] = false,
        ["pcodes"] = row == 5 ? $"{tract.Name} ({tract.Township})" : row == 6 ? township.Name : "MMR011001; MMR003",
    };

    /// <summary>Asserts a 200 and shows the whole answer when it is not.</summary>
    static (HttpStatusCode Status, JsonNode Json) Ok((HttpStatusCode Status, JsonNode Json) answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, $"{(int)answer.Status}: {answer.Json.ToJsonString()}");
        return answer;
    }

    internal static async Task<(HttpStatusCode Status, JsonNode Json)> UploadAsync(HttpClient client, byte[] file, bool commit = false,
        string fileName = "inventory.xlsx", string type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        form.Add(content, "file", fileName);
        var response = await client.PostAsync(commit ? "/api/inventory?commit=true" : "/api/inventory", form);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text.Length == 0 ? "{}" : text)!);
    }
}
