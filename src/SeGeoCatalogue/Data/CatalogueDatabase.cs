using Npgsql;
using SeGeoCatalogue.Access;

namespace SeGeoCatalogue.Data;

/// <summary>
/// The one way the service reaches PostgreSQL. <c>ConnectionStrings:Catalogue</c> may name one host or several
/// (<c>Host=primary:5432,standby:5432</c>): writes, migrations and everything a signed-in person reads go to the
/// primary (so members see their own writes at once); anonymous reads — maps, search, OGC, exports, boundaries —
/// go to a hot standby when one answers and to the primary when none does, and keep working on a standby while
/// the primary is down (writes then fail as a database outage: 503).
/// </summary>
public static class CatalogueDatabase
{
    public static IServiceCollection AddCatalogueDatabase(this IServiceCollection services, string connectionString)
    {
        // Created by the container, so they are disposed (and their pools closed) with the host.
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = "catalogue" }.UseNetTopologySuite();
        if (!HasStandbys(builder.ConnectionStringBuilder))
        {
            services.AddSingleton(_ => builder.Build());
            services.AddSingleton(s => new CatalogueReads(s.GetRequiredService<NpgsqlDataSource>(), s.GetRequiredService<NpgsqlDataSource>()));
            return services;
        }
        services.AddSingleton(_ => builder.BuildMultiHost());
        services.AddSingleton<NpgsqlDataSource>(s =>
            s.GetRequiredService<NpgsqlMultiHostDataSource>().WithTargetSession(TargetSessionAttributes.Primary));
        services.AddSingleton(s => new CatalogueReads(
            s.GetRequiredService<NpgsqlDataSource>(),
            s.GetRequiredService<NpgsqlMultiHostDataSource>().WithTargetSession(TargetSessionAttributes.PreferStandby)));
        return services;
    }

    /// <summary>
    /// A connection of its own on the primary, outside the pools: for what holds a session (LISTEN) or must run before
    /// the pools learn the database's types (creating PostGIS). The caller opens and disposes it.
    /// </summary>
    public static NpgsqlConnection OwnPrimaryConnection(string connectionString)
    {
        var primary = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        if (HasStandbys(primary)) primary.TargetSessionAttributes = "primary";
        return new NpgsqlConnection(primary.ConnectionString);
    }

    /// <summary>Several hosts named: a primary and its standbys (Npgsql finds out which is which).</summary>
    public static bool HasStandbys(NpgsqlConnectionStringBuilder connection) => connection.Host?.Contains(',', StringComparison.Ordinal) == true;
}

/// <summary>Where a read goes: see <see cref="CatalogueDatabase"/>.</summary>
public sealed class CatalogueReads(NpgsqlDataSource primary, NpgsqlDataSource standbyFirst)
{
    /// <summary>The primary for signed-in viewers (read-your-writes), a standby if there is one for the public.</summary>
    public NpgsqlDataSource For(Viewer viewer) => viewer.IsAnonymous ? standbyFirst : primary;

    /// <summary>For data no viewer changes through the API (boundaries): a standby if there is one.</summary>
    public NpgsqlDataSource Boundaries => standbyFirst;
}
