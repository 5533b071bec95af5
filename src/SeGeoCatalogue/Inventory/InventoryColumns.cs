using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Inventory;

public enum ColumnKind { Text, Integer, Version, List, Date, Boolean, Links, Pcodes, Footprint }

/// <summary>
/// A column of the inventory workbook: named as the JSON API and the CSV export name the field, with the vocabulary
/// its drop-down offers and whether an upload reads it (read-only columns say who holds a record or where it stands).
/// </summary>
public sealed record InventoryColumn(string Name, ColumnKind Kind, string Help, IReadOnlyList<Term>? Vocabulary = null,
    bool Multiple = false, bool ReadOnly = false);

public static class InventoryColumns
{
    static IReadOnlyList<Term> LevelTerms => Vocabularies.Levels.Select(l => l.Term).ToList();

    static readonly IReadOnlyList<Term> TrueFalse = [new("true", "Yes"), new("false", "No")];

    /// <summary>The Records sheet's columns, in order; the template, the xlsx export and the upload share them.</summary>
    public static readonly IReadOnlyList<InventoryColumn> All =
    [
        new("id", ColumnKind.Integer, "Leave empty for a new record. A number here updates that record."),
        new("row_version", ColumnKind.Version, "Filled by the download; keep it as it is. It tells whether someone changed the record since."),
        new("title", ColumnKind.Text, "Required. The dataset's name, e.g. 'Household survey, Hpa-An 2015'."),
        new("summary", ColumnKind.Text, "What the data holds, in a few sentences. Line breaks are kept."),
        new("holder_id", ColumnKind.Integer, "The organisation that holds the data (a number from the web app's organisation list). Members may leave it empty: their own organisation."),
        new("holder", ColumnKind.Text, "The holder's name, for reading; used only when holder_id is empty (exact name or acronym)."),
        new("contact", ColumnKind.Text, "Who to ask about the data (a role or team rather than a person's private address)."),
        new("source", ColumnKind.Text, "Where the data comes from."),
        new("license", ColumnKind.Text, "The licence, if any: an SPDX id (CC-BY-4.0, ODbL-1.0, CC0-1.0 …) or the licence's web address."),
        new("sectors", ColumnKind.List, "Required. One or more sector codes, separated by ';'.", Vocabularies.Sectors, Multiple: true),
        new("indicators", ColumnKind.List, "Indicators measured, separated by ';'."),
        new("disaggregation_level", ColumnKind.Text, "The finest level the data is broken down to.", LevelTerms),
        new("methods", ColumnKind.List, "How the data was collected, separated by ';'.", Vocabularies.Methods, Multiple: true),
        new("spatial_completeness", ColumnKind.Text, "complete: every place in the linked areas; sample: some places. Empty: decided from the methods.", Vocabularies.SpatialCompleteness),
        new("period_start", ColumnKind.Date, "First day the data is about (a date, or text YYYY-MM-DD)."),
        new("period_end", ColumnKind.Date, "Last day the data is about."),
        new("collected_on", ColumnKind.Date, "When the data was collected."),
        new("update_frequency", ColumnKind.Text, "How often the data is renewed.", Vocabularies.UpdateFrequencies),
        new("availability", ColumnKind.Text, "Required. Whether the data may be shared.", Vocabularies.Availability),
        new("formats", ColumnKind.List, "File formats, separated by ';', e.g. xlsx; shp."),
        new("links", ColumnKind.Links, "Web addresses separated by ';'; a title may go first with '|': 'Report | https://…'."),
        new("assessment_status", ColumnKind.Text, "For assessments: planned, ongoing or completed.", Vocabularies.AssessmentStatuses),
        new("visibility", ColumnKind.Text, "Who sees the record. Set by a MIMU curator when publishing; members leave it as it is.", Vocabularies.Visibilities),
        new("footprint_sensitive", ColumnKind.Boolean, "true hides the exact footprint and village-tract links from other organisations.", TrueFalse),
        new("pcodes", ColumnKind.Pcodes, "The areas the data covers, separated by ';': MIMU pcodes, or exact English names from the Admin units sheet; " +
                                         "a name used by several units takes its township (or state) in brackets: 'Kyondoe (Kawkareik)'."),
        new("footprint", ColumnKind.Footprint, "A drawn area instead of (or beside) the pcodes: WKT, e.g. POLYGON((97.60 16.46, 97.66 16.46, 97.66 16.52, 97.60 16.46)), " +
                                               "or GeoJSON, in longitude/latitude. Empty keeps the record's stored footprint."),
        new("curation_state", ColumnKind.Text, "Where the record stands (draft, submitted, published); for reading only.", ReadOnly: true),
    ];

    /// <summary>Columns of the CSV export an upload may carry and ignores (so a CSV download can be loaded again).</summary>
    public static readonly IReadOnlySet<string> Ignored = new HashSet<string>(StringComparer.Ordinal)
        { "holder_acronym", "curation_state", "is_demo", "created_at", "updated_at" };

    public static InventoryColumn? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
