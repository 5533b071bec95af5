using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Boundaries;

public sealed class BoundaryRetireTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    [Fact]
    public async Task A_unit_missing_from_a_new_file_is_retired_and_comes_back_when_the_file_has_it_again()
    {
        var wards = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(BoundaryData.Directory, "wards.geojson")))!;
        var features = wards["features"]!.AsArray();
        var dropped = (string)features[0]!["properties"]!["ward_pcode"]!;
        var withoutOne = BoundaryImportTests.TempDir();
        features.RemoveAt(0);
        await File.WriteAllTextAsync(Path.Combine(withoutOne, "wards.geojson"), wards.ToJsonString());

        var report = await new BoundaryImportTests(fixture).Import(withoutOne);

        var file = report.Files.Single(f => f.FileName == "wards.geojson");
        Assert.Equal([dropped], file.Retired);
        Assert.Empty(file.Added);
        Assert.Empty(file.Changed);
        Assert.True(await fixture.App.ScalarAsync<bool>("SELECT retired_at IS NOT NULL FROM admin_units WHERE pcode = @p", ("p", dropped)));

        var again = (await new BoundaryImportTests(fixture).Import(BoundaryData.Directory)).Files.Single(f => f.FileName == "wards.geojson");

        Assert.Equal([dropped], again.Changed);
        Assert.True(await fixture.App.ScalarAsync<bool>("SELECT retired_at IS NULL FROM admin_units WHERE pcode = @p", ("p", dropped)));
    }
}
