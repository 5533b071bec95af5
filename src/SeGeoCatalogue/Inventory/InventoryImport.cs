using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Footprints;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Inventory;

/// <summary>
/// Checks every row of an upload with the record's one write rule (<see cref="DatasetDraft.ValidateAsync"/>), the
/// permission rule (<see cref="DatasetPermissions"/>) and the row-version rule of PUT, then — when asked and only when
/// no row has a problem — writes all rows in one transaction (<see cref="DatasetWriter"/> joins it).
/// </summary>
public sealed class InventoryImport(CatalogueDb db, Viewer viewer, FootprintOptions footprints, JsonSerializerOptions json)
{
    sealed record Planned(int Row, DatasetDraft Draft, Dataset? Existing, long? Version, InventoryRowResult Result);

    public async Task<(InventoryReport Report, bool Stale)> RunAsync(UploadedTable table, bool commit, DateTimeOffset now, CancellationToken ct)
    {
        var problems = new List<InventoryProblem>();
        var columns = Columns(table.Headers, problems);
        await db.Database.OpenConnectionAsync(ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();

        var readers = table.Rows.Select(r => new InventoryRowReader(r, columns, problems)).ToList();
        var ids = readers.Select(r => r.Whole("id", "a record id")).ToList();
        var wanted = ids.OfType<long>().Select(i => (int)i).Distinct().ToList();
        var existing = await db.Datasets.AsNoTracking().VisibleTo(viewer).Where(d => wanted.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Acronym }).ToListAsync(ct);
        var names = readers.Any(r => r.List("pcodes")?.Any(p => !PcodeNames.IsPcode(p)) == true) ? await PcodeNames.LoadAsync(conn, ct) : null;

        var planned = new List<Planned>();
        var results = new List<InventoryRowResult>();
        var firstRowOf = new Dictionary<long, int>();
        for (var i = 0; i < readers.Count; i++)
        {
            var row = readers[i];
            var before = problems.Count;
            Dataset? record = null;
            long? version = null;
            if (ids[i] is { } id)
            {
                if (firstRowOf.TryGetValue(id, out var first)) row.Problem("id", $"record {id} is also on row {first}; keep one row per record.");
                else firstRowOf[id] = row.Number;
                version = row.Whole("row_version", "a row version");
                if (!existing.TryGetValue((int)id, out record))
                    row.Problem("id", $"there is no record {id} that you may see; leave id empty to add the row as a new record.");
                else if (!DatasetPermissions.CanEdit(viewer, record))
                    row.Problem("id", $"record {id} belongs to another organisation; members update only their own organisation's records.");
                else if (version is null && !row.HasProblem("row_version"))
                    row.Problem("row_version", $"give the row_version of record {id} as the download wrote it, so a change made by someone else since is not overwritten.");
                else if (version is { } v && v != record.Version)
                    row.Problem("row_version", $"record {id} changed since this workbook was made (row_version {v}, now {record.Version}); download it again and redo this row's edits.");
            }

            var input = Input(row, record, organisations.Select(o => (o.Id, o.Name, o.Acronym)).ToList(), names);
            var errors = new FieldErrors();
            var (draft, tooLarge) = await DatasetDraft.ValidateAsync(input, conn, footprints, errors, ct);
            if (tooLarge is not null) row.Problem("pcodes", "the stored footprint has more vertices than a record may have; edit it in the web app.");
            foreach (var (field, message) in errors.All)
                if (Column(field) is var column && !row.HasProblem(column)) row.Problem(column, message);
            if (input.HolderId is { } holder && !DatasetPermissions.CanWriteFor(viewer, holder) && !row.HasProblem("holder_id"))
                row.Problem("holder_id", $"members load records only for their own organisation (id {viewer.OrganisationId}); leave holder_id empty or ask a curator.");
            if (DatasetPermissions.VisibilityProblem(viewer, input.Visibility, record?.Visibility ?? Dataset.DefaultVisibility) is { } refused)
                row.Problem("visibility", refused);

            if (problems.Count > before || draft is null)
            {
                results.Add(new InventoryRowResult(row.Number, "invalid", record?.Id, input.Title, []));
                continue;
            }
            var changes = record is null ? [] : (await DatasetWriter.PreviewChangesAsync(db, record, draft, ct)).Select(c => c.Field).ToList();
            var action = record is null ? "create" : changes.Count == 0 ? "unchanged" : "update";
            var result = new InventoryRowResult(row.Number, action, record?.Id, input.Title?.Trim(), changes);
            results.Add(result);
            planned.Add(new Planned(row.Number, draft, record, version, result));
        }

        var ordered = problems.OrderBy(p => p.Row).ToList();
        var committed = false;
        if (commit && ordered.Count == 0)
        {
            var (ok, created) = await CommitAsync(planned, now, ct);
            if (!ok) return (Report(commit, false, table, ordered, results), true);
            results = results.Select(r => r.Action == "create" ? r with { Id = created[r.Row] } : r).ToList();
            committed = true;
        }
        return (Report(commit, committed, table, ordered, results), false);
    }

    static InventoryReport Report(bool commit, bool committed, UploadedTable table, List<InventoryProblem> problems, List<InventoryRowResult> results) =>
        new(!commit, committed, table.Rows.Count, results.Count(r => r.Action == "create"), results.Count(r => r.Action == "update"),
            results.Count(r => r.Action == "unchanged"), problems, results);

    /// <summary>All rows or none: one transaction, which every record write joins; a row changed meanwhile rolls everything back.</summary>
    async Task<(bool Ok, Dictionary<int, int> Created)> CommitAsync(List<Planned> planned, DateTimeOffset now, CancellationToken ct)
    {
        var created = new Dictionary<int, int>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in planned)
        {
            if (row.Existing is null)
                created[row.Row] = await DatasetWriter.CreateAsync(db, row.Draft, viewer.Name, now, null, ct);
            else if (row.Result.Action == "update")
            {
                var tracked = await db.Datasets.FirstAsync(d => d.Id == row.Existing.Id, ct);
                if (!await DatasetWriter.UpdateAsync(db, tracked, row.Version!.Value, row.Draft, viewer, now, ct))
                {
                    await tx.RollbackAsync(ct);
                    return (false, created);
                }
            }
            // Saved rows need no tracking; a change tracker holding thousands of them slows every later save.
            db.ChangeTracker.Clear();
        }
        await tx.CommitAsync(ct);
        return (true, created);
    }

    DatasetInput Input(InventoryRowReader row, Dataset? record, List<(int Id, string Name, string? Acronym)> organisations, PcodeNames? names)
    {
        var holderId = (int?)row.Whole("holder_id", "an organisation id");
        if (holderId is null && !row.HasProblem("holder_id"))
        {
            if (row.Text("holder") is { } holder)
            {
                var matches = organisations.Where(o => string.Equals(o.Name, holder.Trim(), StringComparison.OrdinalIgnoreCase)
                                                       || string.Equals(o.Acronym, holder.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count == 1) holderId = matches[0].Id;
                else row.Problem("holder", $"'{holder}' is not the exact name or acronym of one organisation; give holder_id instead.");
            }
            else if (viewer.IsMember && !viewer.IsCurator) holderId = viewer.OrganisationId;
        }

        List<string>? pcodes = null;
        if (row.List("pcodes") is { } entries)
        {
            pcodes = [];
            foreach (var entry in entries)
            {
                var (pcode, problem) = names?.Resolve(entry) ?? (entry, null);
                if (pcode is not null) pcodes.Add(pcode);
                else row.Problem("pcodes", problem!);
            }
        }
        // An empty footprint cell keeps the record's stored footprint and threshold.
        var footprint = row.Text("footprint") is { } drawn ? FootprintCell(row, drawn)
            : record?.Footprint is { } stored ? JsonSerializer.SerializeToElement<NetTopologySuite.Geometries.Geometry>(stored, json) : (JsonElement?)null;
        return new DatasetInput(
            row.Text("title"), row.Text("summary"), holderId, row.Text("contact"), row.Text("source"),
            row.List("sectors"), row.List("indicators"), row.Code("disaggregation_level"), row.List("methods"),
            row.Code("spatial_completeness"), row.Date("period_start"), row.Date("period_end"), row.Date("collected_on"),
            row.Code("update_frequency"), row.Code("availability"), row.List("formats"), row.Links("links"),
            row.Code("assessment_status"), row.Code("visibility"), row.Boolean("footprint_sensitive"),
            new AreaInput(pcodes, footprint, record?.FootprintThreshold), License: row.Text("license"));
    }

    /// <summary>A footprint cell as the GeoJSON the write rule reads: GeoJSON as it is, WKT through NetTopologySuite.</summary>
    JsonElement? FootprintCell(InventoryRowReader row, string text)
    {
        text = text.Trim();
        try
        {
            if (text.StartsWith('{')) return JsonDocument.Parse(text).RootElement.Clone();
            var geometry = new NetTopologySuite.IO.WKTReader().Read(text);
            geometry.SRID = 4326;
            return JsonSerializer.SerializeToElement(geometry, json);
        }
        catch (Exception e) when (e is JsonException or NetTopologySuite.IO.ParseException or ArgumentException)
        {
            row.Problem("footprint", "this is neither WKT (POLYGON((lon lat, …))) nor GeoJSON; copy the shape again, or leave the cell empty to keep the stored footprint.");
            return null;
        }
    }

    /// <summary>The column a write-rule field is in: "area.pcodes[3]" → pcodes, "area.footprint" → footprint, "links[0].url" → links.</summary>
    static string Column(string field)
    {
        var name = field.Split('[', '.')[0];
        if (name != "area") return name;
        return field.StartsWith("area.footprint", StringComparison.Ordinal) ? "footprint" : "pcodes";
    }

    /// <summary>Header name → column index; unknown or repeated headers are problems of row 1.</summary>
    static Dictionary<string, int> Columns(IReadOnlyList<string> headers, List<InventoryProblem> problems)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Trim().ToLowerInvariant();
            if (name.Length == 0) continue;
            if (InventoryColumns.Find(name) is null && !InventoryColumns.Ignored.Contains(name))
                problems.Add(new InventoryProblem(1, headers[i], $"'{headers[i]}' is not a column of the inventory; use the template's column names ({string.Join(", ", InventoryColumns.All.Select(c => c.Name))})."));
            else if (!columns.TryAdd(name, i))
                problems.Add(new InventoryProblem(1, name, $"the column {name} appears twice; keep one."));
        }
        if (!columns.ContainsKey("title"))
            problems.Add(new InventoryProblem(1, "title", "the Records sheet has no title column; start from the template."));
        return columns;
    }
}
