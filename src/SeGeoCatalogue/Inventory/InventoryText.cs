using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Inventory;

/// <summary>How lists and links are written in one cell, both ways: "wash; services", "Report | https://…; https://…".</summary>
public static class InventoryText
{
    public static string JoinList(IEnumerable<string> values) => string.Join("; ", values);

    public static List<string> SplitList(string? cell) =>
        (cell ?? "").Split([';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    public static string JoinLinks(IEnumerable<DatasetLinkJson> links) =>
        string.Join("; ", links.Select(l => string.IsNullOrEmpty(l.Title) ? l.Url : $"{l.Title} | {l.Url}"));

    public static List<DatasetLinkJson> SplitLinks(string? cell) =>
        SplitList(cell).Select(entry =>
        {
            var bar = entry.LastIndexOf('|');
            return bar < 0 ? new DatasetLinkJson(entry, null) : new DatasetLinkJson(entry[(bar + 1)..].Trim(), entry[..bar].Trim());
        }).ToList();
}
