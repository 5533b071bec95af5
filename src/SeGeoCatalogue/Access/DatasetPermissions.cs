using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Access;

/// <summary>
/// Who may change a record, and what: members only their own organisation's records, curators any. Reads go through
/// <see cref="DatasetVisibility"/> first, so a record the viewer cannot see is a 404 before this is asked.
/// Visibility and publication are the curator's decision: a member never sets visibility, and a member's edit of a
/// published record sends it back to review (out of public view until a curator publishes it again).
/// </summary>
public static class DatasetPermissions
{
    public static bool CanEdit(Viewer viewer, Dataset dataset) => CanWriteFor(viewer, dataset.HolderId);

    /// <summary>Whether the viewer may create (or move) a record held by <paramref name="holderId"/>.</summary>
    public static bool CanWriteFor(Viewer viewer, int holderId) =>
        viewer.IsCurator || (viewer.IsMember && viewer.OrganisationId == holderId);

    /// <summary>A 400 when a member asks for a visibility other than the record's <paramref name="current"/> one; else null.</summary>
    public static IResult? CheckVisibility(Viewer viewer, string? requested, string current) =>
        VisibilityProblem(viewer, requested, current) is { } problem ? new FieldErrors().Add("visibility", problem).ToResult() : null;

    /// <summary>The words of <see cref="CheckVisibility"/>'s refusal, or null when the viewer may send that visibility.</summary>
    public static string? VisibilityProblem(Viewer viewer, string? requested, string current) =>
        viewer.IsCurator || requested is null || requested == current ? null
            : $"Only a MIMU curator chooses who sees a record, when publishing it; leave visibility out (this record's is '{current}').";

    /// <summary>The curation state after the viewer changed a record's content.</summary>
    public static string StateAfterEdit(Viewer viewer, string state) =>
        !viewer.IsCurator && state == "published" ? "submitted" : state;
}
