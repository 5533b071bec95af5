using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Datasets;

public sealed class DemoCatalogueTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Fact]
    public async Task Seeding_twice_replaces_the_demo_records_and_leaves_the_others_alone()
    {
        var app = new DatasetTestApp(fixture);
        var holder = await app.OrganisationAsync("Real holder");
        var (realId, _, _) = await app.CreateAsync(DatasetTestApp.Body(holder, "A real record"));

        await DemoCatalogue.SeedAsync(app.Database.DataSource);
        var count = await DemoCatalogue.SeedAsync(app.Database.DataSource);

        Assert.True(count >= 40);
        Assert.Equal((long)count, await app.Database.ScalarAsync<long>("SELECT count(*) FROM datasets WHERE is_demo AND title LIKE '[Demo] %'"));
        Assert.Equal(15L, await app.Database.ScalarAsync<long>("SELECT count(DISTINCT s) FROM datasets, unnest(sectors) s WHERE is_demo"));
        Assert.Equal(4L, await app.Database.ScalarAsync<long>("SELECT count(DISTINCT availability) FROM datasets WHERE is_demo"));
        Assert.True(await app.Database.ScalarAsync<long>("SELECT count(*) FROM dataset_links l JOIN datasets d ON d.id = l.dataset_id WHERE d.is_demo AND l.origin = 'footprint'") > 0);
        Assert.Equal("A real record", await app.Database.ScalarAsync<string>("SELECT title FROM datasets WHERE id = @id", ("id", realId)));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM dataset_links WHERE dataset_id = @id", ("id", realId)));
    }
}
