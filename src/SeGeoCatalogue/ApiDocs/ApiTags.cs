using Microsoft.OpenApi;

namespace SeGeoCatalogue.ApiDocs;

/// <summary>What each group of routes (the endpoints' WithTags) is for, shown as the sections of the reference page.</summary>
public static class ApiTags
{
    static readonly Dictionary<string, string> Descriptions = new()
    {
        ["Health"] = "Whether the database answers, with unit counts per level.",
        ["Admin units"] = "MIMU states, districts, townships, village tracts and wards (Source: MIMU), as GeoJSON.",
        ["Boundaries"] = "Curators import an official MIMU boundary release (dry run first).",
        ["Reference"] = "The code lists (sectors, levels, methods, availability, status…) that records and filters use.",
        ["Datasets"] = "Dataset records: search, read, and (members) create, edit and delete.",
        ["Footprints"] = "Members: read an uploaded footprint file or preview which units a footprint links.",
        ["OGC API Features"] = "OGC API – Features Parts 1–3 under /ogc (its own definition is GET /ogc/api).",
        ["Downloads"] = "Records and admin units as GeoJSON, CSV, GeoPackage, Shapefile or XLSX.",
        ["DCAT and schema.org"] = "The catalogue for harvesters: DCAT-AP and schema.org JSON-LD.",
        ["Account"] = "Sign in and out, the session, antiforgery tokens and API tokens.",
        ["Members"] = "Curators: members of the network and their accounts.",
        ["Organisations"] = "The organisations that hold records (curators change them).",
        ["Curation"] = "Submit, publish or return records; the curators' review queue.",
        ["Audit"] = "Curators: the log of every write.",
        ["Coverage"] = "Counts per unit and sector for maps, gaps and the township × sector grid.",
        ["Requests"] = "Requests for data between members and holders, with notifications.",
        ["Demand"] = "Members say which data they need where.",
        ["Gap reasons"] = "Why a unit has no data for a sector (not applicable, inaccessible).",
        ["Inventory"] = "Members: the inventory workbook, downloaded and uploaded.",
    };

    public static void Describe(OpenApiDocument document)
    {
        var used = (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).OfType<string>().ToHashSet();
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var name in used.Order(StringComparer.Ordinal))
        {
            var tag = document.Tags.FirstOrDefault(t => t.Name == name);
            if (tag is null) document.Tags.Add(tag = new OpenApiTag { Name = name });
            tag.Description = Descriptions.GetValueOrDefault(name);
        }
    }
}
