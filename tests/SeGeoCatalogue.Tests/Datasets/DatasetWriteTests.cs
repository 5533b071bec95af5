using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Datasets;

public sealed class DatasetWriteTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    [Fact]
    public async Task A_created_record_reads_back_with_its_ETag_and_its_history_names_the_fields()
    {
        var holder = await _app.OrganisationAsync("UNICEF", "UNICEF");
        var (id, etag, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, "School mapping, Mon"), publish: false);

        var response = await _app.Client().GetAsync($"/api/datasets/{id}");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(etag, response.Headers.ETag!.Tag);
        Assert.Equal("School mapping, Mon", (string)json["title"]!);
        Assert.Equal("draft", (string)json["curation_state"]!);
        Assert.Equal(["MMR011001"], json["area"]!["pcodes"]!.AsArray().Select(p => (string)p!));

        var history = JsonNode.Parse(await _app.Client().GetStringAsync($"/api/datasets/{id}/history"))!.AsArray();
        var created = Assert.Single(history)!;
        Assert.Equal("created", (string)created["action"]!);
        Assert.Matches("^curator.*@example.test$", (string)created["changed_by"]!["email"]!); // the curator asking sees the person
        Assert.Contains(created["changes"]!.AsArray(), c => (string)c!["field"]! == "title" && (string)c["new"]! == "School mapping, Mon");
    }

    [Fact]
    public async Task A_stale_PUT_gets_412_and_leaves_the_row_unchanged()
    {
        var holder = await _app.OrganisationAsync("ILO", "ILO");
        var (id, etag, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, "Labour force survey"), publish: false);
        Assert.Equal(HttpStatusCode.OK, (await Put(id, DatasetTestApp.Body(holder, "Labour force survey 2015"), etag)).StatusCode);
        var before = await _app.TableCountsAsync();

        var stale = await Put(id, DatasetTestApp.Body(holder, "Overwritten"), etag);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("ETag", JsonNode.Parse(await stale.Content.ReadAsStringAsync())!["detail"]!.ToString());
        Assert.Equal(before, await _app.TableCountsAsync());
        Assert.Equal("Labour force survey 2015", await _app.Database.ScalarAsync<string>("SELECT title FROM datasets WHERE id = @id", ("id", id)));
        var history = JsonNode.Parse(await _app.Client().GetStringAsync($"/api/datasets/{id}/history"))!.AsArray();
        var update = history[0]!["changes"]!.AsArray().Single()!;
        Assert.Equal(("title", "Labour force survey", "Labour force survey 2015"), ((string)update["field"]!, (string)update["old"]!, (string)update["new"]!));
    }

    [Fact]
    public async Task A_PUT_without_If_Match_gets_428_and_a_DELETE_is_soft_and_kept_in_history()
    {
        var holder = await _app.OrganisationAsync("IRC", "IRC");
        var (id, etag, _) = await _app.CreateAsync(DatasetTestApp.Body(holder, "Protection monitoring"), publish: false);

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await Put(id, DatasetTestApp.Body(holder), null)).StatusCode);
        var delete = await _app.Client().SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/datasets/{id}") { Headers = { { "If-Match", etag } } });

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Client().GetAsync($"/api/datasets/{id}")).StatusCode);
        Assert.Equal(1L, await _app.Database.ScalarAsync<long>("SELECT count(*) FROM datasets WHERE id = @id AND deleted_at IS NOT NULL", ("id", id)));
        Assert.Equal("deleted", await _app.Database.ScalarAsync<string>("SELECT action FROM dataset_changes WHERE dataset_id = @id ORDER BY id DESC LIMIT 1", ("id", id)));
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        // case, field named in the problem, a word its message must contain
        { "no title", "title", "title" },
        { "no holder", "holder_id", "organisation" },
        { "unknown holder", "holder_id", "999999" },
        { "no sector", "sectors", "sector" },
        { "unknown sector", "sectors", "'fisheries'" },
        { "unknown pcodes", "area.pcodes", "MMR011999, MMR999" },
        { "end before start", "period_end", "before it starts" },
        { "not GeoJSON", "area.footprint", "GeoJSON" },
        { "wrong type", "area.footprint", "LineString" },
        { "out of range", "area.footprint", "out of range" },
        { "self-crossing", "area.footprint", "near lon 97.6500, lat 16.5000" },
        { "outside the SE", "area.footprint", "outside the wider SE" },
        { "wrong value type", "period_start", "YYYY-MM-DD" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_problem_naming_the_field_and_stores_nothing(string name, string field, string words)
    {
        var holder = await _app.OrganisationAsync("PACT", "PACT");
        var body = DatasetTestApp.Body(holder);
        var area = body["area"]!.AsObject();
        switch (name)
        {
            case "no title": body["title"] = " "; break;
            case "no holder": body.Remove("holder_id"); break;
            case "unknown holder": body["holder_id"] = 999999; break;
            case "no sector": body["sectors"] = new JsonArray(); break;
            case "unknown sector": body["sectors"] = new JsonArray("wash", "fisheries"); break;
            case "unknown pcodes": area["pcodes"] = new JsonArray("MMR011001", "MMR011999", "MMR999"); break;
            case "end before start": body["period_end"] = "2014-12-31"; break;
            case "not GeoJSON": area["footprint"] = "POLYGON((97 16, 98 16, 98 17, 97 16))"; break;
            case "wrong type": area["footprint"] = new JsonObject { ["type"] = "LineString", ["coordinates"] = new JsonArray(new JsonArray(97.6, 16.4), new JsonArray(97.7, 16.5)) }; break;
            case "out of range": area["footprint"] = DatasetTestApp.Box(16.45, 97.60, 16.55, 97.70); break;
            case "self-crossing":
                area["footprint"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(new JsonArray(
                    new JsonArray(97.60, 16.45), new JsonArray(97.70, 16.45), new JsonArray(97.60, 16.55), new JsonArray(97.70, 16.55), new JsonArray(97.60, 16.45))) };
                break;
            case "outside the SE": area["footprint"] = DatasetTestApp.Box(96.10, 16.80, 96.20, 16.90); break; // Yangon
            case "wrong value type": body["period_start"] = "1 January 2015"; break;
        }
        var before = await _app.TableCountsAsync();

        var response = await _app.Client().PostAsJsonAsync("/api/datasets", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(words, string.Join(" ", problem["errors"]![field]!.AsArray().Select(m => (string)m!)));
        Assert.Equal(before, await _app.TableCountsAsync());
    }

    [Fact]
    public async Task A_self_crossing_footprint_is_accepted_with_repair()
    {
        var holder = await _app.OrganisationAsync("NPA", "NPA");
        var body = DatasetTestApp.Body(holder);
        body["repair"] = true;
        body["area"]!["footprint"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(new JsonArray(
            new JsonArray(97.60, 16.45), new JsonArray(97.70, 16.45), new JsonArray(97.60, 16.55), new JsonArray(97.70, 16.55), new JsonArray(97.60, 16.45))) };

        var (id, _, json) = await _app.CreateAsync(body, publish: false);

        Assert.Equal(2, json["area"]!["footprint"]!["coordinates"]!.AsArray().Count); // the bow tie became two triangles
        Assert.True(await _app.Database.ScalarAsync<bool>("SELECT ST_IsValid(footprint) FROM datasets WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task Too_many_vertices_or_too_large_a_body_is_a_413_and_stores_nothing()
    {
        var small = new DatasetTestApp(fixture, ("Footprints:MaxVertices", "100"), ("Footprints:MaxBodyBytes", "20000"));
        var holder = await _app.OrganisationAsync("MDRI", "MDRI");
        var ring = new JsonArray(Enumerable.Range(0, 150).Select(i => (JsonNode)new JsonArray(
            97.65 + 0.05 * Math.Cos(2 * Math.PI * i / 150), 16.5 + 0.05 * Math.Sin(2 * Math.PI * i / 150))).Append(new JsonArray(97.70, 16.5)).ToArray());
        var body = DatasetTestApp.Body(holder, area: new JsonObject { ["footprint"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(ring) } });
        var before = await _app.TableCountsAsync();

        var vertices = await small.Client().PostAsJsonAsync("/api/datasets", body);
        body["summary"] = new string('x', 30000);
        var large = await small.Client().PostAsync("/api/datasets", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, vertices.StatusCode);
        Assert.Contains("151 vertices", JsonNode.Parse(await vertices.Content.ReadAsStringAsync())!["detail"]!.ToString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(before, await _app.TableCountsAsync());
    }

    Task<HttpResponseMessage> Put(int id, JsonObject body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/datasets/{id}") { Content = JsonContent.Create(body) };
        if (etag is not null) request.Headers.Add("If-Match", etag);
        return _app.Client().SendAsync(request);
    }
}
