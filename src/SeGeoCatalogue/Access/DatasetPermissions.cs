using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Access;

/// <summary>
/// Who may change a record: members only their own organisation's records, curators any. Reads go through
/// <see cref="DatasetVisibility"/> first, so a record the viewer cannot see is a 404 before this is asked.
/// </summary>
public static class DatasetPermissions
{
    public static bool CanEdit(Viewer viewer, Dataset dataset) => CanWriteFor(viewer, dataset.HolderId);

    /// <summary>Whether the viewer may create (or move) a record held by <paramref name="holderId"/>.</summary>
    public static bool CanWriteFor(Viewer viewer, int holderId) =>
        viewer.IsCurator || (viewer.IsMember && viewer.OrganisationId == holderId);
}
