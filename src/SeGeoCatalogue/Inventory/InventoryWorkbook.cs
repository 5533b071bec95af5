using System.Text.Json;
using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Inventory;

/// <summary>
/// The inventory workbook: a Read me, the Records sheet (one row per dataset, drop-downs for every fixed vocabulary),
/// the admin units for look-up and the hidden lists the drop-downs read. The template is this workbook with no
/// records; the xlsx export is the same with the visible records of a search, so it can be edited and uploaded again.
/// </summary>
public static class InventoryWorkbook
{
    public const string RecordsSheet = "Records";
    const string ListsSheet = "Lists";

    /// <summary>The Records sheet's rows, from <paramref name="fillRecords"/> (nothing for the template).</summary>
    public static async Task WriteAsync(Stream output, NpgsqlConnection conn, int maxRows, Func<SheetWriter, Task> fillRecords, CancellationToken ct)
    {
        using var book = new WorkbookWriter(output);
        using (var readMe = book.Sheet("Read me", [("Read me", 110)]))
            foreach (var line in ReadMe(maxRows)) readMe.Row([line], WorkbookWriter.Wrapped);

        using (var records = book.Sheet(RecordsSheet, InventoryColumns.All.Select(c => (c.Name, Width(c))).ToList()))
        {
            await fillRecords(records);
            var lists = 0;
            for (var i = 0; i < InventoryColumns.All.Count; i++)
            {
                if (InventoryColumns.All[i] is not { Vocabulary: { } terms } column) continue;
                var letter = SheetWriter.ColumnName(lists++);
                records.DropDown(i, (uint)maxRows + 1, $"{ListsSheet}!${letter}$2:${letter}${terms.Count + 1}",
                    string.Join(", ", terms.Select(t => $"{t.Code}: {t.Label}")), strict: !column.Multiple);
            }
        }

        using (var units = book.Sheet("Admin units", [("pcode", 14), ("name_en", 28), ("name_my", 28), ("level", 14), ("parent_pcode", 14), ("parent_name_en", 28)]))
        {
            await using var cmd = new NpgsqlCommand($"""
                SELECT pcode, name_en, name_my, {Boundaries.AdminUnitSql.LevelName}, parent_pcode,
                       (SELECT p.name_en FROM admin_units p WHERE p.pcode = u.parent_pcode)
                FROM admin_units u WHERE retired_at IS NULL ORDER BY pcode
                """, conn);
            await using var rows = await cmd.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
                units.Row(Enumerable.Range(0, 6).Select(i => rows.IsDBNull(i) ? null : (object)rows.GetString(i)).ToArray());
        }

        var vocabularies = InventoryColumns.All.Where(c => c.Vocabulary is not null).ToList();
        using var listSheet = book.Sheet(ListsSheet, vocabularies.Select(c => (c.Name, 24.0)).ToList(), hidden: true);
        for (var row = 0; row < vocabularies.Max(c => c.Vocabulary!.Count); row++)
            listSheet.Row(vocabularies.Select(c => row < c.Vocabulary!.Count ? (object?)c.Vocabulary[row].Code : null).ToArray());
    }

    /// <summary>Excel holds at most 32,767 characters in a cell: a longer footprint is left out of the download (and kept on upload).</summary>
    const int MaxCellText = 32_000;

    /// <summary>The visible records matching <paramref name="where"/> (the search's filter with the one visibility rule), as Records rows.</summary>
    public static async Task WriteRecordsAsync(SheetWriter sheet, NpgsqlCommand cmd, string where, Viewer viewer, CancellationToken ct)
    {
        cmd.CommandText = $"""
            SELECT d.id, d.row_version, d.title, d.summary, d.holder_id, o.name, d.contact, d.source, d.license, d.sectors, d.indicators,
                   d.disaggregation_level, d.methods, d.spatial_completeness, d.period_start, d.period_end, d.collected_on,
                   d.update_frequency, d.availability, d.formats, d.links::text, d.assessment_status, d.visibility, d.footprint_sensitive,
                   ARRAY(SELECT l.pcode FROM dataset_links l JOIN admin_units lu ON lu.pcode = l.pcode
                         WHERE l.dataset_id = d.id AND l.origin = 'picked' AND ({DatasetVisibility.SeesDetailSql(viewer, cmd)} OR unit_shown_without_detail(lu.level))
                         ORDER BY l.pcode),
                   CASE WHEN {DatasetVisibility.SeesDetailSql(viewer, cmd)}
                        THEN (SELECT w FROM ST_AsText(d.footprint, 6) w WHERE length(w) <= {MaxCellText}) END,
                   d.curation_state
            FROM datasets d JOIN organisations o ON o.id = d.holder_id
            WHERE {where}
            ORDER BY d.id
            """;
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            var cells = new object?[InventoryColumns.All.Count];
            for (var i = 0; i < cells.Length; i++)
                cells[i] = rows.IsDBNull(i) ? null : rows.GetValue(i) switch
                {
                    string[] list => InventoryText.JoinList(list),
                    DateOnly date => date,
                    DateTime date => DateOnly.FromDateTime(date),
                    bool b => b ? "true" : "false",
                    string links when InventoryColumns.All[i].Kind == ColumnKind.Links => InventoryText.JoinLinks(JsonSerializer.Deserialize<List<DatasetLinkJson>>(links, JsonSerializerOptions.Web) ?? []),
                    var v => v,
                };
            sheet.Row(cells);
        }
    }

    static double Width(InventoryColumn column) => column.Name switch
    {
        "title" or "summary" or "pcodes" or "links" => 40,
        "sectors" or "methods" or "indicators" or "holder" or "contact" or "source" => 24,
        _ => 16,
    };

    static IEnumerable<string> ReadMe(int maxRows)
    {
        yield return "The SE Data Network inventory: one row per dataset your organisation holds.";
        yield return "Fill the Records sheet, save the file as .xlsx and upload it in the web app (Inventory page). " +
                     "The upload first checks every row and lists each problem by row and column; nothing is stored until you press Apply.";
        yield return "Leave id and row_version empty for a new record. To change existing records, download them from the Inventory page " +
                     "(or the catalogue's xlsx download), edit the rows and upload the file again: rows with an id update that record. " +
                     "If someone changed a record after your download, its row is refused; download it again.";
        yield return "Required in every row: title, sectors, availability. Members may leave holder_id empty: the record is your organisation's.";
        yield return "Columns with a drop-down take codes from the list. Several sectors or methods go in one cell separated by ';' (e.g. wash; services).";
        yield return "pcodes: the areas covered, separated by ';'. Use MIMU pcodes or the exact English names from the Admin units sheet; " +
                     "a name shared by several units needs its township (or state) in brackets, e.g. 'Kyondoe (Kawkareik)'.";
        yield return "Dates: a date cell, or text YYYY-MM-DD. Lists (indicators, formats) are separated by ';'. Links: 'Title | https://…' separated by ';'.";
        yield return "Formulas are not calculated: a cell with a formula is read as the value Excel last showed, or as its text when there is none.";
        yield return "The footprint column holds a drawn area as WKT or GeoJSON (longitude, latitude); left empty, the record keeps the footprint it has.";
        yield return $"At most {maxRows:N0} records per upload; split larger inventories into several files.";
        yield return "Reference lists: sectors, levels, methods, availability, update frequency, status and visibility are on the hidden Lists sheet; " +
                     "their labels are in the drop-down's prompt.";
    }
}
