using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Datasets;

public sealed class DatasetWritePermissionTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    readonly DatasetTestApp _app = new(fixture);

    [Fact]
    public async Task The_public_cannot_write_and_members_write_only_their_own_organisations_records()
    {
        var mine = await _app.OrganisationAsync("Mine", "MINE");
        var theirs = await _app.OrganisationAsync("Theirs", "THRS");
        var before = await _app.TableCountsAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Client(null).PostAsJsonAsync("/api/datasets", DatasetTestApp.Body(mine))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.Client($"member:{mine}").PostAsJsonAsync("/api/datasets", DatasetTestApp.Body(theirs))).StatusCode);
        Assert.Equal(before, await _app.TableCountsAsync());

        var created = await _app.Client($"member:{mine}").PostAsJsonAsync("/api/datasets", DatasetTestApp.Body(mine));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);
        await _app.Database.ScalarAsync<int>("UPDATE datasets SET curation_state = 'published', visibility = 'public' WHERE id = @id RETURNING id", ("id", id));
        var etag = (await _app.Client().GetAsync($"/api/datasets/{id}")).Headers.ETag!.Tag;

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/datasets/{id}") { Content = JsonContent.Create(DatasetTestApp.Body(mine, "Taken over")) };
        put.Headers.IfMatch.ParseAdd(etag);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.Client($"member:{theirs}").SendAsync(put)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.Client($"member:{theirs}").DeleteAsync($"/api/datasets/{id}")).StatusCode);
        Assert.Equal("Food security household survey", await _app.Database.ScalarAsync<string>("SELECT title FROM datasets WHERE id = @id", ("id", id)));
    }
}
