using Microsoft.EntityFrameworkCore;
using Npgsql;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Access;

/// <summary>
/// Who sees which dataset record, and how much of it: the SQL functions of Data/Sql/40-visibility.sql are the one
/// definition. Raw SQL gets a call to them (<see cref="Sql"/>, <see cref="SeesDetailSql"/>); EF queries call the same
/// functions through <see cref="VisibleTo"/> and <see cref="Detail"/>.
/// </summary>
public static class DatasetVisibility
{
    /// <summary>A SQL condition: the record aliased <paramref name="alias"/> is visible to the viewer (adds the viewer's parameters).</summary>
    public static string Sql(Viewer viewer, NpgsqlCommand cmd, string alias = "d")
    {
        AddViewer(viewer, cmd);
        return $"dataset_visible({alias}.deleted_at, {alias}.curation_state, {alias}.visibility, {alias}.holder_id, @viewer_curator, @viewer_member, @viewer_org)";
    }

    /// <summary>
    /// A SQL condition: the viewer may see the exact footprint and the units finer than a township of the record. Where
    /// it is false, show only units with <c>unit_shown_without_detail(level)</c>, or each as <c>unit_or_its_township(pcode, level)</c>.
    /// </summary>
    public static string SeesDetailSql(Viewer viewer, NpgsqlCommand cmd, string alias = "d")
    {
        AddViewer(viewer, cmd);
        return $"dataset_detail_visible({alias}.footprint_sensitive, {alias}.holder_id, @viewer_curator, @viewer_org)";
    }

    /// <summary>The records the viewer may see, for EF queries.</summary>
    public static IQueryable<Dataset> VisibleTo(this IQueryable<Dataset> datasets, Viewer viewer)
    {
        bool curator = viewer.IsCurator, member = viewer.IsMember;
        var org = viewer.OrganisationId;
        return datasets.Where(d => Visible(d.DeletedAt, d.CurationState, d.Visibility, d.HolderId, curator, member, org));
    }

    /// <summary>Per record, whether the viewer sees its detail (dataset_detail_visible), for EF projections.</summary>
    public static IQueryable<bool> SeesDetail(this IQueryable<Dataset> datasets, Viewer viewer)
    {
        bool curator = viewer.IsCurator;
        var org = viewer.OrganisationId;
        return datasets.Select(d => Detail(d.FootprintSensitive, d.HolderId, curator, org));
    }

    /// <summary>Whether the viewer sees the detail of the record <paramref name="id"/> (false when it is not there).</summary>
    public static Task<bool> SeesDetailAsync(CatalogueDb db, Viewer viewer, int id, CancellationToken ct) =>
        db.Datasets.Where(d => d.Id == id).SeesDetail(viewer).FirstOrDefaultAsync(ct);

    /// <summary>The pcodes among <paramref name="pcodes"/> that may be shown without the record's detail.</summary>
    public static Task<List<string>> ShownWithoutDetailAsync(CatalogueDb db, IReadOnlyCollection<string> pcodes, CancellationToken ct) =>
        db.AdminUnits.Where(u => pcodes.Contains(u.Pcode) && ShownWithoutDetail((short)u.Level)).Select(u => u.Pcode).ToListAsync(ct);

    public static void Register(ModelBuilder model)
    {
        model.HasDbFunction(typeof(DatasetVisibility).GetMethod(nameof(ShownWithoutDetail))!).HasName("unit_shown_without_detail");
        model.HasDbFunction(typeof(DatasetVisibility).GetMethod(nameof(Visible))!).HasName("dataset_visible");
        model.HasDbFunction(typeof(DatasetVisibility).GetMethod(nameof(Detail))!).HasName("dataset_detail_visible");
    }

    static void AddViewer(Viewer viewer, NpgsqlCommand cmd)
    {
        if (cmd.Parameters.Contains("viewer_curator")) return;
        cmd.Parameters.AddWithValue("viewer_curator", viewer.IsCurator);
        cmd.Parameters.AddWithValue("viewer_member", viewer.IsMember);
        cmd.Parameters.Add(new NpgsqlParameter<int?>("viewer_org", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = viewer.OrganisationId });
    }

    /// <summary>SQL function dataset_visible; only callable inside an EF query.</summary>
    public static bool Visible(DateTimeOffset? deletedAt, string curationState, string visibility, int holderId, bool curator, bool member, int? org) =>
        throw new InvalidOperationException("dataset_visible runs in PostgreSQL only.");

    /// <summary>SQL function unit_shown_without_detail: a unit of this level is shown as it is to a viewer without detail.</summary>
    public static bool ShownWithoutDetail(short level) =>
        throw new InvalidOperationException("unit_shown_without_detail runs in PostgreSQL only.");

    /// <summary>SQL function dataset_detail_visible; only callable inside an EF query.</summary>
    public static bool Detail(bool footprintSensitive, int holderId, bool curator, int? org) =>
        throw new InvalidOperationException("dataset_detail_visible runs in PostgreSQL only.");
}
