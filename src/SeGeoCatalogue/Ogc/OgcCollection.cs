using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Ogc;

public enum OgcKind { AdminUnits, Datasets, Coverage, Records }

/// <summary>
/// A collection of the OGC API: a level of admin units, the dataset records, one sector's coverage at one level (features),
/// or the catalogue (the same records as OGC API – Records, see Ogc/Records).
/// </summary>
public sealed record OgcCollection(string Id, string Title, string Description, OgcKind Kind, AdminLevel Level = AdminLevel.State, Term? Sector = null)
{
    public static readonly IReadOnlyList<OgcCollection> All =
    [
        Units("states", "States and regions", AdminLevel.State),
        Units("districts", "Districts", AdminLevel.District),
        Units("townships", "Townships", AdminLevel.Township),
        Units("village-tracts", "Village tracts, towns and unlisted areas", AdminLevel.VillageTract),
        Units("wards", "Wards", AdminLevel.Ward),
        new("datasets", "Dataset records",
            "The catalogue's records you may see: the drawn footprint, or the union of the linked admin units when there is none " +
            "(only townships or coarser for records whose detailed footprint is restricted). datetime filters by reference period.",
            OgcKind.Datasets),
        new("catalogue", "The catalogue (OGC API – Records)",
            "The catalogue's records you may see as OGC API – Records: title, description, keywords, themes (sectors), the holder, " +
            "period, licence and links to every download; the geometry is the one the datasets collection serves.",
            OgcKind.Records),
        .. Vocabularies.Sectors.SelectMany(s => new[] { AdminLevel.Township, AdminLevel.VillageTract }.Select(level =>
            new OgcCollection($"coverage-{s.Code}-{level.ApiName()}", $"Coverage: {s.Label} per {level.ApiName().Replace('-', ' ')}",
                $"Per {level.ApiName().Replace('-', ' ')}: how many visible records of the sector {s.Label} cover it (on the unit, rolled down " +
                "from a state, district or township, or rolled up from a finer unit). datetime filters the records by reference period.",
                OgcKind.Coverage, level, s))),
    ];

    static OgcCollection Units(string id, string title, AdminLevel level) =>
        new(id, title, $"MIMU admin units, level {level.ApiName()}, full geometry. Source: MIMU.", OgcKind.AdminUnits, level);

    public static OgcCollection? Find(string id) => All.FirstOrDefault(c => c.Id == id);

    /// <summary>Whether its items are the dataset records (as features or as OGC API – Records records).</summary>
    public bool HoldsRecords => Kind is OgcKind.Datasets or OgcKind.Records;
}
