using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using SeGeoCatalogue.Boundaries.Releases;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Footprints;
using SeGeoCatalogue.Tests.Infrastructure;
using SeGeoCatalogue.Tests.Ogc;

namespace SeGeoCatalogue.Tests.Boundaries;

/// <summary>A second release with one village tract split in two, one renamed and one retired; datasets follow it.</summary>
public sealed class ReleaseChangeTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    const string Mon = "MMR011";

    [Fact]
    public async Task The_report_names_exactly_the_split_renamed_and_retired_tracts_and_datasets_follow_the_new_edition()
    {
        var first = MimuReleaseFile.FromShippedState(Mon);
        Assert.True((await ImportAsync(first, commit: true)).Committed);

        // Hand-picked: the largest tract of Mawlamyine's neighbour Kyaikmaraw is split, the next renamed, the third retired.
        var tracts = first.Tracts.Where(t => t.Pcode.StartsWith("MMR011002", StringComparison.Ordinal) && t.Pcode[9] == '0').OrderByDescending(t => t.Geometry.Area).ToList();
        var (split, renamed, retired) = (tracts[0], tracts[1], tracts[2]);
        var env = split.Geometry.EnvelopeInternal;
        var middle = (env.MinX + env.MaxX) / 2;
        var factory = split.Geometry.Factory;
        Geometry Half(double x1, double x2) => split.Geometry.Intersection(factory.ToGeometry(new Envelope(x1, x2, env.MinY, env.MaxY)));
        var (west, east) = ($"{split.Pcode[..9]}098", $"{split.Pcode[..9]}099");
        Assert.DoesNotContain(first.Tracts, t => t.Pcode == west || t.Pcode == east);

        var second = MimuReleaseFile.FromShippedState(Mon);
        second.Tracts.RemoveAll(t => t.Pcode == split.Pcode || t.Pcode == retired.Pcode);
        second.Tracts.Add(split with { Pcode = west, NameEn = "West part", Geometry = Half(env.MinX, middle) });
        second.Tracts.Add(split with { Pcode = east, NameEn = "East part", Geometry = Half(middle, env.MaxX) });
        var index = second.Tracts.FindIndex(t => t.Pcode == renamed.Pcode);
        second.Tracts[index] = renamed with { NameEn = renamed.NameEn + " (new name)" };

        // Two records: a footprint inside the tract that is split, and a pick of the split and the retired tracts.
        int footprintRecord, pickRecord;
        await using (var conn = await fixture.App.DataSource.OpenConnectionAsync())
        {
            var holder = await OpenFormatsFixture.InsertAsync<int>(conn,
                "INSERT INTO organisations (name, acronym, type, active, created_at) VALUES ('Release test org', 'RTO', 'ingo', true, now()) RETURNING id");
            // The tract itself, a little inside its edges: it covers the tract (and later both halves) entirely.
            var inside = split.Geometry.Buffer(-0.0005);
            footprintRecord = await OpenFormatsFixture.DatasetAsync(conn, "Footprint in the split tract", null, holder, "{wash}", "public",
                "2015-01-01", "2015-12-31", footprint: inside.AsText());
            await FootprintLinks.ReplaceAsync(conn, "d.id = @id", p => p.AddWithValue("id", footprintRecord), CancellationToken.None);
            pickRecord = await OpenFormatsFixture.DatasetAsync(conn, "Picked tracts", null, holder, "{wash}", "public", "2015-01-01", "2015-12-31");
            await OpenFormatsFixture.LinkAsync(conn, pickRecord, [split.Pcode, retired.Pcode]);
            foreach (var id in new[] { footprintRecord, pickRecord }) await DatasetUnits.RefreshAsync(conn, id);
        }
        Assert.Contains(split.Pcode, await LinksAsync(footprintRecord));

        var dry = await ImportAsync(second, commit: false);
        var mon = Assert.Single(dry.ByState);
        Assert.Equal(Mon, mon.StatePcode);
        Assert.Equal(new[] { west, east }.Order(), mon.Added);
        Assert.Equal([renamed.Pcode], mon.Changed);
        Assert.Equal(new[] { split.Pcode, retired.Pcode }.Order(), mon.Retired);
        Assert.Contains(split.Pcode, await LinksAsync(footprintRecord)); // a dry run stores nothing

        var done = await ImportAsync(second, commit: true);
        Assert.True(done.Committed);

        // The footprint now links the new tract it lies in, not the retired one, against the new edition.
        var links = await LinksAsync(footprintRecord);
        Assert.DoesNotContain(split.Pcode, links);
        Assert.Contains(west, links);
        Assert.Contains(east, links);
        Assert.Equal(await fixture.App.ScalarAsync<int>("SELECT max(id) FROM boundary_editions"),
            await fixture.App.ScalarAsync<int>("SELECT min(edition_id) FROM dataset_links WHERE dataset_id = @id", ("id", footprintRecord)));

        // The picks are kept, flagged, with the successors the geometry gives.
        var flagged = done.PicksToReview.Where(p => p.DatasetId == pickRecord).ToDictionary(p => p.Pcode, p => p.Successors.Order().ToArray());
        Assert.Equal(new[] { west, east }.Order().ToArray(), flagged[split.Pcode]);
        Assert.DoesNotContain(west, flagged[retired.Pcode]);
        Assert.Equal(2L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM dataset_links WHERE dataset_id = @id AND needs_review", ("id", pickRecord)));
    }

    async Task<List<string>> LinksAsync(int id)
    {
        var links = new List<string>();
        await using var cmd = fixture.App.DataSource.CreateCommand("SELECT pcode FROM dataset_links WHERE dataset_id = @id ORDER BY pcode");
        cmd.Parameters.AddWithValue("id", id);
        await using var rows = await cmd.ExecuteReaderAsync();
        while (await rows.ReadAsync()) links.Add(rows.GetString(0));
        return links;
    }

    async Task<ReleaseImportReport> ImportAsync(MimuReleaseFile release, bool commit)
    {
        var report = await release.ImportAsync(fixture.App.Services, [Mon], commit);
        Assert.True(report.Succeeded, string.Join("; ", report.Problems));
        return report;
    }
}
