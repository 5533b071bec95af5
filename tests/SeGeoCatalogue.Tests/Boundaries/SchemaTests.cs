using Npgsql;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Boundaries;

/// <summary>One initial migration plus re-runnable SQL files, and a clear refusal of a database from before the squash.</summary>
public sealed class SchemaTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    /// <summary>Until the first release the schema is one migration (squashed again on 2026-12-07 23:35 with the stored geometry and licence).</summary>
    [Fact]
    public void The_schema_is_one_migration()
    {
        var migrations = typeof(CatalogueDb).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)))
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false)
                .Cast<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>().Single().Id)
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["20261207233509_Initial"], migrations);
    }

    [Fact]
    public async Task The_SQL_files_apply_again_over_a_running_catalogue_without_doubling_anything()
    {
        const string parts = "SELECT count(*) FROM admin_unit_parts";
        var before = await fixture.App.ScalarAsync<long>(parts);

        await SchemaScripts.ApplyAsync(fixture.App.DataSource, CancellationToken.None);
        await SchemaScripts.ApplyAsync(fixture.App.DataSource, CancellationToken.None);

        // Seven tables raise the change stamp, each through one constraint trigger and one truncate trigger.
        Assert.Equal(14L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%catalogue_version%'"));
        Assert.Equal(1L, await fixture.App.ScalarAsync<long>("SELECT count(*) FROM catalogue_version"));
        Assert.Equal(before, await fixture.App.ScalarAsync<long>(parts));
        // Every township and finer unit has its pieces (the backfill for units loaded before the trigger).
        Assert.Equal(await fixture.App.ScalarAsync<long>("SELECT count(*) FROM admin_units WHERE level >= 3"),
            await fixture.App.ScalarAsync<long>("SELECT count(DISTINCT pcode) FROM admin_unit_parts"));
    }

    [Fact]
    public async Task A_database_made_by_the_migrations_from_before_the_squash_is_refused_with_how_to_recreate_it()
    {
        var connectionString = await PostGisServer.CreateEmptyDatabaseAsync();
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                CREATE TABLE "__EFMigrationsHistory" ("MigrationId" varchar(150) PRIMARY KEY, "ProductVersion" varchar(32) NOT NULL);
                INSERT INTO "__EFMigrationsHistory" VALUES ('20261124085729_Boundaries', '10.0.15');
                """, conn);
            await cmd.ExecuteNonQueryAsync();
        }

        await using var app = new CatalogueApp(connectionString);
        var thrown = await Record.ExceptionAsync(() => app.StartAsync());
        var refused = Assert.IsType<DatabaseUnusableException>(Flatten(thrown).OfType<DatabaseUnusableException>().FirstOrDefault(), exactMatch: false);

        Assert.Contains("20261124085729_Boundaries", refused.Message);
        Assert.Contains("Recreate the database", refused.Message);
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys'", conn);
            Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!); // nothing was created beside the history table (and PostGIS, made first)
        }
        await PostGisServer.DropDatabaseAsync(connectionString);
    }

    static IEnumerable<Exception> Flatten(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException a) foreach (var inner in a.InnerExceptions.SelectMany(Flatten)) yield return inner;
        }
    }
}
