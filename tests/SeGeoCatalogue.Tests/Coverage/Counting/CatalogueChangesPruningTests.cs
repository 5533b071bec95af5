using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Coverage;
using SeGeoCatalogue.Coverage.Counting;
using SeGeoCatalogue.Shared;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Coverage.Counting;

/// <summary>
/// catalogue_changes does not grow for ever: old rows are pruned, and a node whose last change is older than the rows
/// kept notices the gap and rebuilds, so it counts every record written while it was away.
/// </summary>
public sealed class CatalogueChangesPruningTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    // The app's own listener keeps ten years of changes, so only the test prunes.
    readonly DatasetTestApp _app = new(fixture, ("Coverage:KeepChanges", "3650.00:00:00"));

    NpgsqlDataSource Db => _app.Services.GetRequiredService<NpgsqlDataSource>();

    Task<long> Rows() => _app.Database.ScalarAsync<long>("SELECT count(*) FROM catalogue_changes");

    [Fact]
    public async Task Changes_older_than_the_window_are_deleted_and_newer_ones_kept()
    {
        var holder = await _app.OrganisationAsync("Pruning holder");
        for (var i = 0; i < 3; i++) await _app.CreateAsync(DatasetTestApp.Body(holder, $"Old record {i}"));
        // Everything so far happened two days ago.
        var old = await _app.Database.ScalarAsync<long>(
            "WITH aged AS (UPDATE catalogue_changes SET changed_at = now() - interval '2 days' WHERE seq IS NOT NULL RETURNING 1) SELECT count(*) FROM aged");
        Assert.True(old >= 3, $"only {old} changes were written for 3 records");
        var newest = await _app.Database.ScalarAsync<long>("SELECT max(seq) FROM catalogue_changes");
        await _app.CreateAsync(DatasetTestApp.Body(holder, "New record"));
        var recent = await Rows() - old;

        await using var conn = await Db.OpenConnectionAsync();
        Assert.Equal(old, await CatalogueChangesPruning.PruneAsync(conn, TimeSpan.FromDays(1), CancellationToken.None));
        Assert.Equal(recent, await Rows());
        Assert.Equal(newest, await _app.Database.ScalarAsync<long>("SELECT through FROM catalogue_changes_pruned"));
        Assert.Equal(0, await CatalogueChangesPruning.PruneAsync(conn, TimeSpan.FromDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task A_node_behind_the_pruned_changes_rebuilds_and_counts_what_it_missed()
    {
        var holder = await _app.OrganisationAsync("Away holder");
        var request = CoverageRequest.CountsOnly(SeGeoCatalogue.Boundaries.AdminLevel.Township,
            SeGeoCatalogue.Datasets.DatasetFilter.FromQuery(new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
                { ["holder"] = holder.ToString(System.Globalization.CultureInfo.InvariantCulture) }), new FieldErrors(), TimeProvider.System),
            MyanmarTime.Today(TimeProvider.System));
        async Task<int> CountAsync(CoverageCounts node, string pcode) =>
            (await node.TryUnitsAsync(new DefaultHttpContext(), request, Viewer.Public, CancellationToken.None))!.Single(u => u.Pcode == pcode).DatasetCount;

        // A node that listens to nothing: it learns of changes only when it counts.
        using var away = new CoverageCounts(Db, Options.Create(new CountingOptions()), NullLogger<CoverageCounts>.Instance);
        Assert.Equal(0, await CountAsync(away, "MMR011001"));

        // While it is away two records are written in Mawlamyine township, and every change is pruned.
        foreach (var title in new[] { "Missed survey one", "Missed survey two" })
        {
            var body = DatasetTestApp.Body(holder, title);
            body["area"] = new JsonObject { ["pcodes"] = new JsonArray("MMR011001") };
            await _app.CreateAsync(body);
        }
        await using (var conn = await Db.OpenConnectionAsync())
            Assert.True(await CatalogueChangesPruning.PruneAsync(conn, TimeSpan.Zero, CancellationToken.None) > 0);
        Assert.Equal(0, await Rows());

        Assert.Equal(2, await CountAsync(away, "MMR011001"));
        Assert.Equal(0, await CountAsync(away, "MMR011004"));
        // A node started after the pruning builds from the mark and does not rebuild again on every request.
        using var late = new CoverageCounts(Db, Options.Create(new CountingOptions()), NullLogger<CoverageCounts>.Instance);
        Assert.Equal(2, await CountAsync(late, "MMR011001"));
        var built = late.LastBuild;
        Assert.Equal(2, await CountAsync(late, "MMR011001"));
        Assert.Equal(built, late.LastBuild);
        Assert.Equal(away.Seq, late.Seq);
    }
}
