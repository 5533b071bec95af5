using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.Playwright;
using SeGeoCatalogue.BrowserTests.Infrastructure;
using SeGeoCatalogue.BrowserTests.Pages;

namespace SeGeoCatalogue.BrowserTests.Web;

/// <summary>The coverage map leaves the screen: a PNG download with its legend, and a printed page with its caption.</summary>
public sealed class MapExportTests(DemoCatalogueData data) : IClassFixture<DemoCatalogueData>
{
    readonly WebAppFixture _app = data.App;

    /// <summary>The legend's swatch colours of the "finest data available" view, written out here (not read from coverage.js).</summary>
    static readonly Dictionary<string, string> ClassColours = new()
    {
        ["finer"] = "#08306b", ["here"] = "#2171b5", ["partly"] = "#6baed6", ["coarser"] = "#c6dbef", ["none"] = "#fdae6b",
    };

    [Fact]
    public Task Save_as_PNG_downloads_an_image_of_the_map_with_its_legend() => _app.RunAsync(async page =>
    {
        var map = new CoveragePage(page);
        await map.OpenAsync("?sector=food-security");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Save the map as PNG" }).ClickAsync());

        Assert.Matches(@"^segeo-coverage-township-food-security-\d{4}-\d{2}-\d{2}\.png$", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        // A PNG: its signature, then the IHDR chunk with width and height (big-endian) at bytes 16 and 20.
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.InRange(width, 900, 1200);
        Assert.InRange(height, 500, 4000);
        Assert.InRange(bytes.Length, 20_000, 5_000_000);

        // Chromium decodes it again; each legend swatch is a block of exactly its colour. The map's fills are drawn
        // at 85 % opacity, so exact colours come from the legend only.
        var counts = await page.EvaluateAsync<JsonElement>("""
            async ([png, colours]) => {
              const image = new Image();
              image.src = `data:image/png;base64,${png}`;
              await image.decode();
              const canvas = document.createElement('canvas');
              canvas.width = image.naturalWidth; canvas.height = image.naturalHeight;
              const context = canvas.getContext('2d');
              context.drawImage(image, 0, 0);
              const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
              const wanted = Object.fromEntries(Object.entries(colours).map(([k, hex]) => [parseInt(hex.slice(1), 16), k]));
              const counts = Object.fromEntries(Object.keys(colours).map(k => [k, 0]));
              for (let i = 0; i < pixels.length; i += 4) {
                const key = wanted[(pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]];
                if (key && pixels[i + 3] === 255) counts[key]++;
              }
              return { width: image.naturalWidth, height: image.naturalHeight, counts };
            }
            """, new object[] { Convert.ToBase64String(bytes), ClassColours });
        Assert.Equal(width, counts.GetProperty("width").GetInt32());
        foreach (var (key, _) in ClassColours)
            Assert.True(counts.GetProperty("counts").GetProperty(key).GetInt32() >= 60, $"the legend swatch '{key}' is not in the image: {counts}");
        await Assertions.Expect(page.Locator("#export-status")).ToContainTextAsync("Saved segeo-coverage-township-food-security");
    });

    [Fact]
    public Task The_printed_page_has_the_title_the_filters_in_words_the_source_and_the_link_and_no_filter_panel() => _app.RunAsync(async page =>
    {
        var map = new CoveragePage(page);
        await map.OpenAsync("?sector=food-security&gaps=1");

        await page.GetByRole(AriaRole.Button, new() { Name = "Print the map" }).ClickAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        var caption = page.Locator("#print-caption");
        await Assertions.Expect(caption).ToBeVisibleAsync();
        await Assertions.Expect(caption.Locator(".sheet-title")).ToHaveTextAsync("Gaps per township");
        await Assertions.Expect(caption.Locator(".sheet-filters")).ToContainTextAsync("Sectors: 8 Food security");
        await Assertions.Expect(caption).ToContainTextAsync("Source: MIMU");
        await Assertions.Expect(caption.Locator(".sheet-url")).ToContainTextAsync("coverage.html?");
        await Assertions.Expect(caption.Locator(".sheet-url")).ToContainTextAsync("sector=food-security");
        await Assertions.Expect(page.Locator("#filters-panel")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".legend").First).ToBeVisibleAsync();
        await Assertions.Expect(map.Map.Root).ToBeVisibleAsync();
    });
}
