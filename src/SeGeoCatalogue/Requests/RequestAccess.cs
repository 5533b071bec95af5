using SeGeoCatalogue.Access;

namespace SeGeoCatalogue.Requests;

/// <summary>
/// Who sees and acts on which request. Requesters see their own; members of the holder organisation see and answer
/// their organisation's; curators see and answer all; the public sees none. Whether a record may be requested at all
/// goes through the one visibility rule (<see cref="DatasetVisibility"/>) first.
/// </summary>
public static class RequestAccess
{
    public static IQueryable<DataRequest> VisibleTo(this IQueryable<DataRequest> requests, Viewer viewer)
    {
        if (viewer.IsAnonymous) return requests.Where(_ => false);
        if (viewer.IsCurator) return requests;
        var org = viewer is { IsMember: true, OrganisationId: { } o } ? o : -1;
        return requests.Where(r => r.RequesterId == viewer.UserId || r.HolderId == org);
    }

    /// <summary>The holder's side: its members and curators.</summary>
    public static bool CanAnswer(Viewer viewer, DataRequest request) =>
        viewer.IsCurator || (viewer.IsMember && viewer.OrganisationId == request.HolderId);

    public static bool IsRequester(Viewer viewer, DataRequest request) => viewer.UserId == request.RequesterId;
}
