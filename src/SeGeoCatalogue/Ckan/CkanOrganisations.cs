using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using SeGeoCatalogue.Access;

namespace SeGeoCatalogue.Ckan;

/// <summary>The organisations as CKAN organizations, with their CKAN names and their counts of public records.</summary>
public sealed class CkanOrganisations
{
    public sealed record Row(int Id, string Name, string? Acronym, string Type, bool Active, DateTimeOffset CreatedAt, long Packages);

    public required IReadOnlyList<Row> All { get; init; }
    public required IReadOnlyDictionary<int, string> Names { get; init; }

    public static async Task<CkanOrganisations> LoadAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand { Connection = conn };
        cmd.CommandText = $"""
            SELECT o.id, o.name, o.acronym, o.type, o.active, o.created_at,
                   (SELECT count(*) FROM datasets d WHERE d.holder_id = o.id AND {DatasetVisibility.Sql(Viewer.Public, cmd)})
            FROM organisations o ORDER BY o.id
            """;
        var rows = new List<Row>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                rows.Add(new Row(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                    reader.GetBoolean(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt64(6)));
        return new CkanOrganisations { All = rows, Names = CkanNames.Organisations(rows.Select(r => (r.Id, r.Name))) };
    }

    /// <summary>The organisation a CKAN id or name stands for: "12" or its name.</summary>
    public Row? Find(string? idOrName)
    {
        var text = idOrName?.Trim() ?? "";
        return All.FirstOrDefault(o => Names[o.Id] == text || o.Id.ToString(CultureInfo.InvariantCulture) == text);
    }

    public JsonObject Json(int id, bool withCount = false)
    {
        var row = All.First(o => o.Id == id);
        var organisation = new JsonObject
        {
            ["id"] = id.ToString(CultureInfo.InvariantCulture),
            ["name"] = Names[id],
            ["title"] = row.Name,
            ["display_name"] = row.Name,
            ["description"] = row.Acronym is null ? "" : $"{row.Name} ({row.Acronym})",
            ["type"] = "organization",
            ["is_organization"] = true,
            ["state"] = row.Active ? "active" : "deleted",
            ["approval_status"] = "approved",
            ["created"] = row.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            ["image_url"] = "",
            ["image_display_url"] = "",
        };
        if (withCount) organisation["package_count"] = row.Packages;
        return organisation;
    }
}
