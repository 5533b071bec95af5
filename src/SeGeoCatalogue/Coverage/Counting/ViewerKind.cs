using SeGeoCatalogue.Access;

namespace SeGeoCatalogue.Coverage.Counting;

/// <summary>
/// The kinds of viewer counting answers for. Each is a set of arguments to 40-visibility.sql's dataset_visible and
/// dataset_detail_visible, evaluated per record at load (<see cref="CountingLoader"/>), so the rule keeps its one
/// definition: which kind a viewer is for a record depends only on whether the viewer's organisation holds it.
/// Any other viewer (signed in without membership, a member without organisation) is counted by SQL.
/// </summary>
public static class ViewerKind
{
    /// <summary>(bit, viewer_curator, viewer_member, viewer_org as SQL: NULL, -1 for another organisation, or the holder).</summary>
    public static readonly (int Bit, bool Curator, bool Member, string Org)[] All =
    [
        (0, false, false, "NULL"),
        (1, false, true, "-1"),
        (2, false, true, "d.holder_id"),
        (3, true, true, "-1"),
        (4, true, true, "d.holder_id"),
        (5, true, true, "NULL"),
    ];

    /// <summary>The bit a viewer has for records held by <c>holder</c>, or null when counting cannot answer for the viewer.</summary>
    public static Func<int?, int>? For(Viewer viewer) => viewer switch
    {
        { IsAnonymous: true, IsMember: false, IsCurator: false, OrganisationId: null } => _ => 1 << 0,
        { IsCurator: false, IsMember: true, OrganisationId: { } org } => holder => holder == org ? 1 << 2 : 1 << 1,
        { IsCurator: true, IsMember: true, OrganisationId: { } org } => holder => holder == org ? 1 << 4 : 1 << 3,
        { IsCurator: true, IsMember: true, OrganisationId: null } => _ => 1 << 5,
        _ => null,
    };

    public const byte Everyone = 0b11_1111;
}
