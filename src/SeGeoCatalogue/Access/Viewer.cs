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

/// <summary>Finds the viewer of a request (<see cref="ClaimsViewerAccessor"/>).</summary>
public interface IViewerAccessor
{
    Viewer Current(HttpContext http);
}
