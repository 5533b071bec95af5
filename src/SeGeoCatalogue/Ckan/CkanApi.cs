using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Dcat;

namespace SeGeoCatalogue.Ckan;

/// <summary>
/// A read-only CKAN action API over the public records (as the public sees them, whoever asks), so CKAN harvesters,
/// ckanapi and HDX tools can pull the catalogue: GET /api/3/action/{action} (and /api/action/{action}).
/// </summary>
public static class CkanApi
{
    public static readonly string[] Actions =
        ["package_search", "package_show", "package_list", "organization_list", "organization_show", "group_list", "group_show", "status_show", "help_show"];

    public static IEndpointRouteBuilder MapCkan(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "/api/3/action", "/api/action" })
            app.MapMethods($"{prefix}/{{action}}", ["GET", "HEAD"], Action).WithTags("CKAN action API (read only)")
                .WithSummary("A CKAN action over the public records: " + string.Join(", ", Actions))
                .WithDescription("CKAN's envelope {help, success, result}; errors {success: false, error: {__type, message}} with 400, 404 or 409.")
                .ExcludeFromDescription();
        return app;
    }

    static async Task<IResult> Action(string action, HttpContext http, CatalogueReads reads, CancellationToken ct)
    {
        // The public's records only, so the public's reads: a standby when there is one.
        var db = reads.For(Viewer.Public);
        var request = http.Request;
        var query = request.Query;
        if (!Actions.Contains(action)) return CkanReply.UnknownAction(request, action);
        if (action == "status_show") return CkanReply.Ok(request, action, Status(request));
        if (action == "help_show") return CkanReply.Ok(request, action, $"{query["name"]}: see CKAN's action API reference; served here read only over the public records.");
        if (action is "group_list" or "group_show") return await GroupsAsync(action, request, db, ct);

        await using var conn = await db.OpenConnectionAsync(ct);
        var organisations = await CkanOrganisations.LoadAsync(conn, ct);
        var root = Root(request);
        switch (action)
        {
            case "package_search":
            {
                var (search, field, error) = CkanSearch.Read(query, organisations);
                if (search is null)
                    return field is "fq" or "sort" ? CkanReply.SearchError(request, action, error!) : CkanReply.Invalid(request, action, field!, error!);
                await using var cmd = new NpgsqlCommand { Connection = conn };
                var where = search.ToSql(cmd);
                cmd.CommandText = $"SELECT count(*) FROM datasets d WHERE {where}";
                var count = (long)(await cmd.ExecuteScalarAsync(ct))!;
                cmd.CommandText = DcatRecord.PageSql(where, cmd, Viewer.Public, search.OrderBy);
                cmd.Parameters.AddWithValue("limit", search.Rows);
                cmd.Parameters.AddWithValue("offset", search.Start);
                var records = await DcatRecord.ReadAsync(cmd, ct);
                return CkanReply.Ok(request, action, new JsonObject
                {
                    ["count"] = count,
                    ["sort"] = search.Sort,
                    ["facets"] = new JsonObject(),
                    ["search_facets"] = new JsonObject(),
                    ["results"] = new JsonArray(records.Select(r => (JsonNode?)CkanPackage.From(r, organisations, root)).ToArray()),
                });
            }
            case "package_show":
            {
                var idOrName = query["id"].ToString();
                if (string.IsNullOrWhiteSpace(idOrName)) return CkanReply.Invalid(request, action, "id", "Missing value: give id (a record id or its name).");
                var record = CkanNames.PackageId(idOrName) is { } id ? await OneAsync(conn, id, ct) : null;
                if (record is null || (idOrName.Trim() != record.Id.ToString(CultureInfo.InvariantCulture) && idOrName.Trim() != CkanNames.Package(record.Id, record.Text("title") ?? "")))
                    return CkanReply.NotFound(request, action, $"Not found: no public dataset '{idOrName}'; package_list names them.");
                return CkanReply.Ok(request, action, CkanPackage.From(record, organisations, root));
            }
            case "package_list":
            {
                var (limit, offset, invalid) = Page(request, action, int.MaxValue);
                if (invalid is not null) return invalid;
                await using var cmd = new NpgsqlCommand { Connection = conn };
                cmd.CommandText = $"SELECT d.id, d.title FROM datasets d WHERE {DatasetVisibility.Sql(Viewer.Public, cmd)}";
                var names = new List<string>();
                await using (var rows = await cmd.ExecuteReaderAsync(ct))
                    while (await rows.ReadAsync(ct)) names.Add(CkanNames.Package(rows.GetInt32(0), rows.GetString(1)));
                return CkanReply.Ok(request, action, new JsonArray(names.Order(StringComparer.Ordinal).Skip(offset).Take(limit).Select(n => (JsonNode?)n).ToArray()));
            }
            case "organization_list":
            {
                var (limit, offset, invalid) = Page(request, action, 1_000);
                if (invalid is not null) return invalid;
                var all = AllFields(query);
                var list = organisations.All.Where(o => o.Active)
                    .OrderBy(o => organisations.Names[o.Id], StringComparer.Ordinal).Skip(offset).Take(limit)
                    .Select(o => all ? (JsonNode)organisations.Json(o.Id, withCount: true) : organisations.Names[o.Id]);
                return CkanReply.Ok(request, action, new JsonArray(list.ToArray()));
            }
            default: // organization_show
            {
                if (organisations.Find(query["id"]) is not { } organisation)
                    return CkanReply.NotFound(request, action, $"Not found: no organization '{query["id"]}'; organization_list names them.");
                var json = organisations.Json(organisation.Id, withCount: true);
                if (string.Equals(query["include_datasets"], "true", StringComparison.OrdinalIgnoreCase))
                {
                    var search = new CkanSearch(new DatasetFilter(), [organisation.Id], [], [], null, null, 10, 0, "metadata_modified desc", "d.updated_at DESC, d.id");
                    await using var cmd = new NpgsqlCommand { Connection = conn };
                    cmd.CommandText = DcatRecord.Sql(search.ToSql(cmd), cmd, Viewer.Public) + $"\nORDER BY {search.OrderBy} LIMIT 10";
                    json["packages"] = new JsonArray((await DcatRecord.ReadAsync(cmd, ct)).Select(r => (JsonNode?)CkanPackage.From(r, organisations, root)).ToArray());
                }
                return CkanReply.Ok(request, action, json);
            }
        }
    }

    static async Task<IResult> GroupsAsync(string action, HttpRequest request, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT s, count(*) FROM datasets d, unnest(d.sectors::text[]) s WHERE {DatasetVisibility.Sql(Viewer.Public, cmd)} GROUP BY s";
        var counts = new Dictionary<string, long>();
        await using (var rows = await cmd.ExecuteReaderAsync(ct))
            while (await rows.ReadAsync(ct)) counts[rows.GetString(0)] = rows.GetInt64(1);
        if (action == "group_show")
        {
            var id = request.Query["id"].ToString().Trim();
            return Vocabularies.Sectors.Any(s => s.Code == id)
                ? CkanReply.Ok(request, action, CkanGroups.Json(id, counts.GetValueOrDefault(id)))
                : CkanReply.NotFound(request, action, $"Not found: no group '{id}'; group_list names the sectors.");
        }
        var all = AllFields(request.Query);
        return CkanReply.Ok(request, action, new JsonArray(Vocabularies.Sectors.OrderBy(s => s.Code, StringComparer.Ordinal)
            .Select(s => all ? (JsonNode)CkanGroups.Json(s.Code, counts.GetValueOrDefault(s.Code)) : s.Code).ToArray()));
    }

    static async Task<DcatRecord?> OneAsync(NpgsqlConnection conn, int id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand { Connection = conn };
        cmd.CommandText = DcatRecord.Sql($"{DatasetVisibility.Sql(Viewer.Public, cmd)} AND d.id = @ck_id", cmd, Viewer.Public);
        cmd.Parameters.AddWithValue("ck_id", id);
        return (await DcatRecord.ReadAsync(cmd, ct)).SingleOrDefault();
    }

    static (int Limit, int Offset, IResult? Invalid) Page(HttpRequest request, string action, int max)
    {
        int limit = max, offset = 0;
        var limitText = request.Query["limit"].ToString();
        var offsetText = request.Query["offset"].ToString();
        if (limitText.Length > 0 && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit)))
            return (0, 0, CkanReply.Invalid(request, action, "limit", "Invalid integer: limit must be 0 or more."));
        if (offsetText.Length > 0 && (!int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
            return (0, 0, CkanReply.Invalid(request, action, "offset", "Invalid integer: offset must be 0 or more."));
        return (Math.Min(limit, max), offset, null);
    }

    static bool AllFields(IQueryCollection query) => string.Equals(query["all_fields"], "true", StringComparison.OrdinalIgnoreCase);

    static JsonObject Status(HttpRequest request) => new()
    {
        ["site_title"] = "SE Data Network catalogue",
        ["site_description"] = "Which datasets exist for the wider South East of Myanmar, who holds them, at what level of detail and for which areas.",
        ["site_url"] = Root(request),
        // The CKAN release whose action API shapes this follows (read-only subset).
        ["ckan_version"] = "2.10.0",
        ["locale_default"] = "en",
        ["extensions"] = new JsonArray("spatial", "dcat"),
    };

    static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
