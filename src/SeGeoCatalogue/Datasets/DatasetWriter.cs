using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Footprints;

namespace SeGeoCatalogue.Datasets;

/// <summary>
/// Writes a record, its links, its history row and its normalised units (dataset_units) in one transaction: a failure anywhere
/// leaves nothing behind, and a changed footprint has its links recomputed before anyone can read them.
/// </summary>
public static class DatasetWriter
{
    /// <summary>Stores a new record; with <paramref name="key"/>, also its idempotency key (a concurrent twin then fails on the key).</summary>
    public static async Task<int> CreateAsync(CatalogueDb db, DatasetDraft draft, string author, DateTimeOffset now, IdempotencyKey? key, CancellationToken ct)
    {
        await using var tx = await OwnTransactionAsync(db, ct);
        var dataset = new Dataset
        {
            Title = "", Availability = "", CreatedBy = author, CreatedAt = now, UpdatedBy = author, UpdatedAt = now,
        };
        Apply(dataset, draft);
        db.Datasets.Add(dataset);
        await db.SaveChangesAsync(ct);
        if (key is not null)
        {
            // First, so a concurrent request with the same key waits here and then fails, before any link work.
            key.DatasetId = dataset.Id;
            db.IdempotencyKeys.Add(key);
            await db.SaveChangesAsync(ct);
        }
        await ReplaceLinksAsync(db, dataset.Id, draft.Pcodes, footprintChanged: true, ct);
        await RecordAsync(db, dataset.Id, author, now, "created", DatasetHistory.Diff(null, DatasetHistory.Snapshot(dataset, draft.Pcodes)), ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return dataset.Id;
    }

    /// <summary>
    /// Applies <paramref name="draft"/> when <paramref name="expectedVersion"/> is still current; false when someone wrote
    /// in between. A changed record takes the curation state <see cref="DatasetPermissions.StateAfterEdit"/> gives.
    /// </summary>
    public static async Task<bool> UpdateAsync(CatalogueDb db, Dataset dataset, long expectedVersion, DatasetDraft draft,
        Viewer editor, DateTimeOffset now, CancellationToken ct)
    {
        var picked = await PickedAsync(db, dataset.Id, ct);
        var before = DatasetHistory.Snapshot(dataset, picked);
        Apply(dataset, draft);
        var changes = DatasetHistory.Diff(before, DatasetHistory.Snapshot(dataset, draft.Pcodes));
        if (changes.Count == 0) return true;
        var state = DatasetPermissions.StateAfterEdit(editor, dataset.CurationState);
        if (state != dataset.CurationState)
        {
            changes.Add(new("curation_state", dataset.CurationState, state));
            dataset.CurationState = state;
        }

        var author = editor.Name;
        await using var tx = await OwnTransactionAsync(db, ct);
        dataset.UpdatedBy = author;
        dataset.UpdatedAt = now;
        // The version If-Match matched is what the UPDATE must still find: a write in between makes this a 412.
        db.Entry(dataset).Property(d => d.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        var footprintChanged = changes.Any(c => c.Field is "area.footprint" or "area.footprint_threshold");
        await ReplaceLinksAsync(db, dataset.Id, changes.Any(c => c.Field == "area.pcodes") ? draft.Pcodes : null, footprintChanged, ct);
        await RecordAsync(db, dataset.Id, author, now, "updated", changes, ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Soft delete: the record leaves every list but keeps its links and history.</summary>
    public static async Task<bool> DeleteAsync(CatalogueDb db, Dataset dataset, long? expectedVersion, string author, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await OwnTransactionAsync(db, ct);
        dataset.DeletedAt = now;
        dataset.UpdatedBy = author;
        dataset.UpdatedAt = now;
        if (expectedVersion is { } version) db.Entry(dataset).Property(d => d.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        await RecordAsync(db, dataset.Id, author, now, "deleted", [new("deleted_at", null, now.ToString("O"))], ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// A transaction of the write's own, or null inside a caller's (the inventory workbook writes all its rows in one):
    /// the caller then commits or rolls back everything.
    /// </summary>
    static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> OwnTransactionAsync(CatalogueDb db, CancellationToken ct) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;

    /// <summary>The changes <paramref name="draft"/> would make to <paramref name="dataset"/> (an untracked copy is changed; nothing is stored).</summary>
    public static async Task<List<DatasetHistory.Change>> PreviewChangesAsync(CatalogueDb db, Dataset dataset, DatasetDraft draft, CancellationToken ct)
    {
        var before = DatasetHistory.Snapshot(dataset, await PickedAsync(db, dataset.Id, ct));
        Apply(dataset, draft);
        return DatasetHistory.Diff(before, DatasetHistory.Snapshot(dataset, draft.Pcodes));
    }

    static void Apply(Dataset d, DatasetDraft draft)
    {
        var i = draft.Input;
        d.Title = i.Title!.Trim();
        d.Summary = Clean(i.Summary);
        d.HolderId = i.HolderId!.Value;
        d.Contact = Clean(i.Contact);
        d.Source = Clean(i.Source);
        d.License = Clean(i.License);
        d.Sectors = i.Sectors!.Distinct().ToList();
        d.Indicators = Tags(i.Indicators);
        d.DisaggregationLevel = i.DisaggregationLevel;
        d.Methods = (i.Methods ?? []).Distinct().ToList();
        d.SpatialCompleteness = i.SpatialCompleteness ?? Vocabularies.DefaultCompleteness(d.Methods);
        d.PeriodStart = i.PeriodStart;
        d.PeriodEnd = i.PeriodEnd;
        d.CollectedOn = i.CollectedOn;
        d.UpdateFrequency = i.UpdateFrequency;
        d.Availability = i.Availability!;
        d.Formats = Tags(i.Formats);
        d.Links = JsonSerializer.Serialize((i.Links ?? []).Select(l => new DatasetLinkJson(l.Url!.Trim(), Clean(l.Title))), JsonSerializerOptions.Web);
        d.AssessmentStatus = i.AssessmentStatus;
        d.Visibility = i.Visibility ?? d.Visibility;
        d.FootprintSensitive = i.FootprintSensitive ?? false;
        // Keep the stored instance when the geometry is the same, so EF does not see a change.
        if (!(d.Footprint is { } old && draft.Footprint is { } fresh && old.EqualsExact(fresh))) d.Footprint = draft.Footprint;
        d.FootprintThreshold = draft.Threshold;
    }

    static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    static List<string> Tags(List<string>? values) =>
        (values ?? []).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public static async Task<string[]> PickedAsync(CatalogueDb db, int id, CancellationToken ct) =>
        (await db.DatasetLinks.Where(l => l.DatasetId == id && l.Origin == "picked").Select(l => l.Pcode).ToListAsync(ct))
        .Order(StringComparer.Ordinal).ToArray();

    /// <summary>Replaces the picked links (when <paramref name="picked"/> is given) and the footprint links (when it changed), then the normalised units (dataset_units).</summary>
    static async Task ReplaceLinksAsync(CatalogueDb db, int id, string[]? picked, bool footprintChanged, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (picked is not null)
        {
            await using var cmd = new NpgsqlCommand("""
                DELETE FROM dataset_links WHERE dataset_id = @id AND origin = 'picked';
                INSERT INTO dataset_links (dataset_id, pcode, origin, share, edition_id)
                SELECT @id, p, 'picked', NULL, (SELECT max(id) FROM boundary_editions) FROM unnest(@pcodes) p;
                """, conn);
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("pcodes", picked);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (footprintChanged) await FootprintLinks.ReplaceAsync(conn, "d.id = @id", p => p.AddWithValue("id", id), ct);
        await DatasetUnits.RefreshAsync(conn, id, ct);
    }

    static async Task RecordAsync(CatalogueDb db, int id, string author, DateTimeOffset now, string action,
        IEnumerable<DatasetHistory.Change> changes, CancellationToken ct)
    {
        db.DatasetChanges.Add(new DatasetChange
        {
            DatasetId = id, ChangedAt = now, ChangedBy = author, Action = action, Changes = DatasetHistory.ToJson(changes),
        });
        await db.SaveChangesAsync(ct);
    }
}
