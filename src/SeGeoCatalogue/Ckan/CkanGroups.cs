using System.Text.Json.Nodes;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Ckan;

/// <summary>The sectors as CKAN groups: name = the sector code, title = its label.</summary>
public static class CkanGroups
{
    public static JsonObject Json(string code, long? packageCount = null)
    {
        var sector = Vocabularies.Sectors.FirstOrDefault(s => s.Code == code);
        var group = new JsonObject
        {
            ["id"] = code,
            ["name"] = code,
            ["title"] = sector?.Label ?? code,
            ["display_name"] = sector?.Label ?? code,
            ["description"] = sector?.Description ?? "",
            ["type"] = "group",
            ["state"] = "active",
            ["is_organization"] = false,
            ["approval_status"] = "approved",
            ["image_display_url"] = "",
        };
        if (packageCount is { } count) group["package_count"] = count;
        return group;
    }
}
