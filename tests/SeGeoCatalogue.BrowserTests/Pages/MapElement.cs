using System.Globalization;
using Microsoft.Playwright;

namespace SeGeoCatalogue.BrowserTests.Pages;

/// <summary>A Leaflet map on a page, as maps.js marks it up (data-boundaries, data-townships).</summary>
public sealed class MapElement(IPage page, string selector = "#map")
{
    public ILocator Root => page.Locator(selector);

    /// <summary>Waits until the state and township vector layers are drawn; returns how many townships were drawn.</summary>
    public async Task<int> WaitForBoundariesAsync()
    {
        await Assertions.Expect(Root).ToHaveAttributeAsync("data-boundaries", "drawn");
        return int.Parse((await Root.GetAttributeAsync("data-townships"))!, CultureInfo.InvariantCulture);
    }

    public Task<string> AttributionAsync() => Root.Locator(".leaflet-control-attribution").InnerTextAsync();

    /// <summary>Clicks the map at a longitude/latitude (through Leaflet's own projection).</summary>
    public async Task ClickAtAsync(double lon, double lat)
    {
        var point = await PixelAsync(lon, lat);
        await Root.ClickAsync(new() { Position = new() { X = point.X, Y = point.Y } });
    }

    /// <summary>
    /// The fill colour each unit polygon on the map is drawn with now (pcode → colour), as Leaflet's canvas paints it:
    /// GeoJSON layers, and the features of every vector tile drawn (leaflet.vectorgrid keeps them by feature id).
    /// </summary>
    public Task<Dictionary<string, string>> FillsAsync() => Root.EvaluateAsync<Dictionary<string, string>>("""
        el => {
          const fills = {};
          el.leafletMap.eachLayer(l => {
            const p = l.feature?.properties;
            if (p?.pcode && l.options?.fillColor) fills[p.pcode] = l.options.fillColor;
            for (const tile of Object.values(l._vectorTiles ?? {}))
              for (const [id, drawn] of Object.entries(tile._features ?? {}))
                if (drawn.feature.options?.fillColor) fills[id] = drawn.feature.options.fillColor;
          });
          return fills;
        }
        """);

    /// <summary>Where a longitude/latitude lies on the map element, in pixels from its top left.</summary>
    public async Task<(float X, float Y)> PixelAsync(double lon, double lat)
    {
        var xy = await Root.EvaluateAsync<float[]>(
            "(el, [lon, lat]) => { const p = el.leafletMap.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
            new[] { lon, lat });
        return (xy[0], xy[1]);
    }

    /// <summary>Zooms the map to a box, so that clicks and drawings land where a person would put them.</summary>
    public Task FitAsync(double west, double south, double east, double north) =>
        Root.EvaluateAsync("(el, [w, s, e, n]) => { el.leafletMap.fitBounds([[s, w], [n, e]], { animate: false }); }",
            new[] { west, south, east, north });

    /// <summary>The map's current view as an envelope (what "search this map area" sends).</summary>
    public async Task<NetTopologySuite.Geometries.Envelope> BoundsAsync()
    {
        var b = await Root.EvaluateAsync<double[]>(
            "el => { const b = el.leafletMap.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }");
        return new(b[0], b[2], b[1], b[3]);
    }
}
