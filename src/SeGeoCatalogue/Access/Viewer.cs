using Npgsql;

namespace SeGeoCatalogue.Access;

/// <summary>Who is asking. Every read of datasets goes through <see cref="DatasetVisibility"/> with one.</summary>
public sealed record Viewer(string? UserId, bool IsMember, bool IsCurator, int? OrganisationId)
{
    public static readonly Viewer Public = new(null, false, false, null);
    public bool IsAnonymous => UserId is null;
    /// <summary>The signed-in user's email, when known.</summary>
    public string? Email { get; init; }
    /// <summary>What history and audit entries record as the author: the email, else the user id.</summary>
    public string Name => Email ?? UserId ?? "anonymous";
}

/// <summary>
/// The one rule of who sees which dataset record:
/// the public sees published public records; members also see published network records and every
/// record of their own organisation; curators see everything. Deleted records are never listed.
/// </summary>
public static class DatasetVisibility
{
    /// <summary>A SQL condition on the datasets table aliased <paramref name="alias"/>; adds its parameters to <paramref name="cmd"/>.</summary>
    public static string Sql(Viewer viewer, NpgsqlCommand cmd, string alias = "d")
    {
        if (viewer.IsCurator) return $"{alias}.deleted_at IS NULL";
        var published = viewer.IsMember
            ? $"({alias}.curation_state = 'published' AND {alias}.visibility IN ('public', 'network'))"
            : $"({alias}.curation_state = 'published' AND {alias}.visibility = 'public')";
        if (viewer is { IsMember: true, OrganisationId: { } org })
        {
            cmd.Parameters.AddWithValue("viewer_org", org);
            published = $"({published} OR {alias}.holder_id = @viewer_org)";
        }
        return $"{alias}.deleted_at IS NULL AND {published}";
    }

    /// <summary>The same rule for EF queries.</summary>
    public static IQueryable<Datasets.Dataset> VisibleTo(this IQueryable<Datasets.Dataset> datasets, Viewer viewer)
    {
        datasets = datasets.Where(d => d.DeletedAt == null);
        if (viewer.IsCurator) return datasets;
        if (viewer.IsMember)
        {
            var org = viewer.OrganisationId ?? -1;
            return datasets.Where(d => (d.CurationState == "published" && (d.Visibility == "public" || d.Visibility == "network")) || d.HolderId == org);
        }
        return datasets.Where(d => d.CurationState == "published" && d.Visibility == "public");
    }

    /// <summary>Whether the viewer may see the exact footprint and village-tract links of a visible record.</summary>
    public static bool SeesDetail(Viewer viewer, Datasets.Dataset dataset) =>
        !dataset.FootprintSensitive || viewer.IsCurator || (viewer.OrganisationId is { } org && org == dataset.HolderId);

    /// <summary>The rule of <see cref="SeesDetail"/> as SQL over the datasets table aliased <paramref name="alias"/>.</summary>
    public static string SeesDetailSql(Viewer viewer, NpgsqlCommand cmd, string alias = "d")
    {
        if (viewer.IsCurator) return "true";
        if (viewer.OrganisationId is not { } org) return $"NOT {alias}.footprint_sensitive";
        if (!cmd.Parameters.Contains("detail_org")) cmd.Parameters.AddWithValue("detail_org", org);
        return $"(NOT {alias}.footprint_sensitive OR {alias}.holder_id = @detail_org)";
    }
}

/// <summary>Finds the viewer of a request (<see cref="ClaimsViewerAccessor"/>).</summary>
public interface IViewerAccessor
{
    Viewer Current(HttpContext http);
}
