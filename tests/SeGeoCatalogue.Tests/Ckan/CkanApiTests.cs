using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Ckan;

/// <summary>
/// The CKAN action API read by <see cref="CkanClient"/>: two organisations, three public records, a draft and a
/// network-only record (never shown, whoever asks). Expected sets are written out per record.
/// </summary>
public sealed class CkanApiTests(CkanApiTests.Scenario scenario) : IClassFixture<CkanApiTests.Scenario>
{
    /// <summary>The records, made once for the class.</summary>
    public sealed class Scenario : IAsyncLifetime
    {
        readonly CatalogueFixture _catalogue = new();
        public DatasetTestApp App { get; private set; } = null!;
        public int Alpha { get; private set; }
        public int Beta { get; private set; }
        public int Wells { get; private set; }
        public int Schools { get; private set; }
        public int Food { get; private set; }
        public int Draft { get; private set; }
        public int Network { get; private set; }
        public string AlphaName { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await _catalogue.InitializeAsync();
            App = new DatasetTestApp(_catalogue);
            Alpha = await App.OrganisationAsync("Alpha Relief");
            Beta = await App.OrganisationAsync("Beta Aid");
            JsonObject Record(int holder, string title, string[] sectors, string[] indicators)
            {
                var body = DatasetTestApp.Body(holder, title);
                body["sectors"] = new JsonArray(sectors.Select(s => (JsonNode?)s).ToArray());
                body["indicators"] = new JsonArray(indicators.Select(s => (JsonNode?)s).ToArray());
                return body;
            }
            var wells = Record(Alpha, "Alpha wells survey", ["wash"], ["Water points"]);
            wells["license"] = "CC-BY-4.0";
            Wells = (await App.CreateAsync(wells)).Id;
            Schools = (await App.CreateAsync(Record(Alpha, "Alpha schools and water", ["wash", "services"], ["Water points", "Schools"]))).Id;
            Food = (await App.CreateAsync(Record(Beta, "Beta food prices", ["food-security"], ["Market prices"]))).Id;
            Draft = (await App.CreateAsync(Record(Alpha, "Alpha draft wells", ["wash"], ["Water points"]), publish: false)).Id;
            Network = (await App.CreateAsync(Record(Alpha, "Alpha network wells", ["wash"], ["Water points"]))).Id;
            await App.Database.ScalarAsync<int>("UPDATE datasets SET visibility = 'network' WHERE id = @id RETURNING id", ("id", Network));
            var list = await new CkanClient(App.Client(null)).CallAsync("organization_list", ("all_fields", "true"));
            AlphaName = (string)list.AsArray().Single(o => (string)o!["id"]! == Alpha.ToString(CultureInfo.InvariantCulture))!["name"]!;
        }

        public Task DisposeAsync() => _catalogue.DisposeAsync();
    }

    readonly DatasetTestApp _app = scenario.App;
    readonly int _alpha = scenario.Alpha, _beta = scenario.Beta, _wells = scenario.Wells, _schools = scenario.Schools,
        _food = scenario.Food, _draft = scenario.Draft, _network = scenario.Network;
    readonly string _alphaName = scenario.AlphaName;

    CkanClient Ckan(string? viewer = null) => new(_app.Client(viewer));

    static List<int> Ids(JsonNode result) => result["results"]!.AsArray().Select(p => int.Parse((string)p!["id"]!, CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public async Task Organisations_are_CKAN_organizations_named_by_slug_with_counts_of_public_records_only()
    {
        var all = (await Ckan().CallAsync("organization_list", ("all_fields", "true"))).AsArray();
        var alpha = all.Single(o => (string)o!["id"]! == _alpha.ToString(CultureInfo.InvariantCulture))!;
        Assert.Equal(Regex.Replace(((string)alpha["title"]!).ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-'), (string)alpha["name"]!);
        Assert.Equal(2, (int)alpha["package_count"]!);
        Assert.Contains(_alphaName, (await Ckan().CallAsync("organization_list")).AsArray().Select(n => (string)n!));

        var shown = await Ckan().CallAsync("organization_show", ("id", _alphaName), ("include_datasets", "true"));
        Assert.Equal(2, (int)shown["package_count"]!);
        Assert.Equal([_wells, _schools], shown["packages"]!.AsArray().Select(p => int.Parse((string)p!["id"]!, CultureInfo.InvariantCulture)).Order());
        var missing = await Assert.ThrowsAsync<CkanClient.CkanErrorException>(() => Ckan().CallAsync("organization_show", ("id", "no-such-organization")));
        Assert.Equal(("Not Found Error", HttpStatusCode.NotFound), (missing.Type, missing.Status));
    }

    [Fact]
    public async Task Sectors_are_groups_counted_over_public_records()
    {
        var names = (await Ckan().CallAsync("group_list")).AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(15, names.Count);
        Assert.Contains("wash", names);
        var wash = (await Ckan().CallAsync("group_list", ("all_fields", "true"))).AsArray().Single(g => (string)g!["name"]! == "wash")!;
        Assert.Equal(2, (int)wash["package_count"]!); // wells and schools; the draft and the network record are not public
        Assert.Equal("7 WASH", (string)wash["title"]!);
        Assert.Equal(1, (int)(await Ckan().CallAsync("group_show", ("id", "services")))["package_count"]!);
    }

    [Fact]
    public async Task package_search_filters_by_q_and_fq_pages_and_sorts_and_shows_only_public_records_whoever_asks()
    {
        var alpha = $"organization:{_alphaName}";
        foreach (var viewer in new string?[] { null, "curator", $"member:{_alpha}" })
        {
            var result = await Ckan(viewer).CallAsync("package_search", ("fq", alpha), ("rows", "100"));
            Assert.Equal(2, (int)result["count"]!);
            Assert.Equal([_wells, _schools], Ids(result).Order());
        }
        Assert.Equal([_schools], Ids(await Ckan().CallAsync("package_search", ("fq", $"{alpha} groups:services"))));
        Assert.Equal([_schools], Ids(await Ckan().CallAsync("package_search", ("fq", $"{alpha} AND groups:wash AND groups:services"))));
        Assert.Equal([_wells, _schools], Ids(await Ckan().CallAsync("package_search", ("fq", $"{alpha} tags:\"Water points\""))).Order());
        Assert.Equal([_food], Ids(await Ckan().CallAsync("package_search", ("fq", $"owner_org:{_beta} +dataset_type:dataset"))));
        Assert.Equal([_wells], Ids(await Ckan().CallAsync("package_search", ("q", "wells"), ("fq", alpha))));

        var byCreation = await Ckan().CallAsync("package_search", ("fq", alpha), ("sort", "metadata_created asc"), ("rows", "1"), ("start", "1"));
        Assert.Equal(2, (int)byCreation["count"]!);
        Assert.Equal([_schools], Ids(byCreation));
        Assert.Equal([_schools, _wells], Ids(await Ckan().CallAsync("package_search", ("fq", alpha), ("sort", "title_string asc"))));
        Assert.Equal([_food, _schools, _wells], Ids(await Ckan().CallAsync("package_search", ("sort", "id desc"), ("rows", "1000"))).Where(new[] { _food, _schools, _wells }.Contains));
    }

    [Fact]
    public async Task package_search_takes_the_changed_since_query_ckanext_harvest_sends()
    {
        await _app.Database.ScalarAsync<int>("UPDATE datasets SET updated_at = '2031-05-01T00:00:00Z' WHERE id = @id RETURNING id", ("id", _food));
        var changed = await Ckan().CallAsync("package_search", ("fq", "metadata_modified:[2031-01-01T00:00:00Z TO *]"), ("sort", "id asc"));
        Assert.Equal([_food], Ids(changed));
        Assert.Equal("2031-05-01T00:00:00.000000", (string)changed["results"]![0]!["metadata_modified"]!);
    }

    [Fact]
    public async Task package_show_and_package_list_give_CKAN_packages_with_resources_licence_and_spatial_extras()
    {
        var names = (await Ckan().CallAsync("package_list")).AsArray().Select(n => (string)n!).ToList();
        var wellsName = names.Single(n => n.EndsWith($"-{_wells}", StringComparison.Ordinal));
        Assert.Equal($"alpha-wells-survey-{_wells}", wellsName);
        Assert.DoesNotContain(names, n => n.EndsWith($"-{_draft}", StringComparison.Ordinal) || n.EndsWith($"-{_network}", StringComparison.Ordinal));

        var package = await Ckan().CallAsync("package_show", ("id", wellsName));
        CkanClient.AssertPackageShape(package);
        Assert.Equal(package.ToJsonString(), (await Ckan().CallAsync("package_show", ("id", _wells.ToString(CultureInfo.InvariantCulture)))).ToJsonString());
        Assert.Equal("CC-BY-4.0", (string)package["license_id"]!);
        Assert.Equal("https://spdx.org/licenses/CC-BY-4.0.html", (string)package["license_url"]!);
        Assert.Equal(_alphaName, (string)package["organization"]!["name"]!);
        Assert.Equal(["wash"], package["groups"]!.AsArray().Select(g => (string)g!["name"]!));
        Assert.Equal(["Water points"], package["tags"]!.AsArray().Select(t => (string)t!["name"]!));

        var formats = package["resources"]!.AsArray().Select(r => (string)r!["format"]!).ToList();
        foreach (var format in new[] { "GeoJSON", "CSV", "GeoPackage", "Shapefile (zip)" }) Assert.Contains(format, formats);
        foreach (var resource in package["resources"]!.AsArray())
        {
            var response = await _app.Client(null).GetAsync(new Uri((string)resource!["url"]!).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal((string)resource["mimetype"]!, response.Content.Headers.ContentType!.MediaType);
        }

        // ckanext-spatial: extras "spatial" is a GeoJSON geometry as text; here the box of the record (Mawlamyine township, MMR011001).
        var spatial = JsonNode.Parse((string)package["extras"]!.AsArray().Single(e => (string)e!["key"]! == "spatial")!["value"]!)!;
        Assert.Equal("Polygon", (string)spatial["type"]!);
        var township = await _app.Database.ScalarAsync<string>(
            "SELECT concat_ws(',', ST_XMin(display_geom), ST_YMin(display_geom), ST_XMax(display_geom), ST_YMax(display_geom)) FROM admin_units WHERE pcode = 'MMR011001'");
        var box = township.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var ring = spatial["coordinates"]![0]!.AsArray().Select(p => ((double)p![0]!, (double)p[1]!)).ToList();
        Assert.Equal(box[0], ring.Min(p => p.Item1), 5);
        Assert.Equal(box[1], ring.Min(p => p.Item2), 5);
        Assert.Equal(box[2], ring.Max(p => p.Item1), 5);
        Assert.Equal(box[3], ring.Max(p => p.Item2), 5);
        Assert.Equal("MMR011001", (string)package["extras"]!.AsArray().Single(e => (string)e!["key"]! == "spatial_pcodes")!["value"]!);

        foreach (var hidden in new[] { _draft, _network })
        {
            var error = await Assert.ThrowsAsync<CkanClient.CkanErrorException>(() => Ckan("curator").CallAsync("package_show", ("id", hidden.ToString(CultureInfo.InvariantCulture))));
            Assert.Equal(("Not Found Error", HttpStatusCode.NotFound), (error.Type, error.Status));
        }
        var wrongName = await Assert.ThrowsAsync<CkanClient.CkanErrorException>(() => Ckan().CallAsync("package_show", ("id", $"another-title-{_wells}")));
        Assert.Equal(HttpStatusCode.NotFound, wrongName.Status);
    }

    [Fact]
    public async Task Bad_parameters_get_CKANs_error_shapes_and_status_show_answers()
    {
        var rows = await Assert.ThrowsAsync<CkanClient.CkanErrorException>(() => Ckan().CallAsync("package_search", ("rows", "-1")));
        Assert.Equal(("Validation Error", HttpStatusCode.Conflict), (rows.Type, rows.Status));
        Assert.True(rows.Error.ContainsKey("rows"));
        var sort = await Assert.ThrowsAsync<CkanClient.CkanErrorException>(() => Ckan().CallAsync("package_search", ("sort", "popularity desc")));
        Assert.Equal(("Search Query Error", HttpStatusCode.Conflict), (sort.Type, sort.Status));
        var fq = await Assert.ThrowsAsync<CkanClient.CkanErrorException>(() => Ckan().CallAsync("package_search", ("fq", "res_format:CSV")));
        Assert.Contains("res_format:CSV", fq.Message);
        var noId = await Assert.ThrowsAsync<CkanClient.CkanErrorException>(() => Ckan().CallAsync("package_show"));
        Assert.Equal(("Validation Error", HttpStatusCode.Conflict), (noId.Type, noId.Status));
        var unknown = await Assert.ThrowsAsync<CkanClient.CkanErrorException>(() => Ckan().CallAsync("package_create"));
        Assert.Equal(("Bad Request", HttpStatusCode.BadRequest), (unknown.Type, unknown.Status));

        var status = await Ckan().CallAsync("status_show");
        Assert.Equal("2.10.0", (string)status["ckan_version"]!);
        Assert.Equal(HttpStatusCode.OK, (await _app.Client(null).GetAsync("/api/action/status_show")).StatusCode);
    }
}
