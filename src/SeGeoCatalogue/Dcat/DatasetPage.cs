using System.Globalization;
using Npgsql;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Data;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Dcat;

/// <summary>
/// dataset.html?id= served with the record's schema.org Dataset embedded as a <c>&lt;script type="application/ld+json"&gt;</c>
/// data block, so search engines and harvesters that read pages find it. A data block is never executed, so the page's
/// CSP (script-src 'self', no inline script) does not apply to it; the page's own script still comes from js/pages/.
/// Any other request (no id, a record the viewer may not see, no database) gets the static page unchanged.
/// </summary>
public static class DatasetPage
{
    public static IEndpointRouteBuilder MapDatasetPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dataset.html", PageAsync).ExcludeFromDescription();
        return app;
    }

    static async Task<IResult> PageAsync(HttpContext http, IWebHostEnvironment env, CatalogueReads reads, IViewerAccessor viewers, CancellationToken ct)
    {
        var file = env.WebRootFileProvider.GetFileInfo("dataset.html");
        if (!file.Exists) return Results.NotFound();
        string html;
        using (var reader = new StreamReader(file.CreateReadStream())) html = await reader.ReadToEndAsync(ct);
        if (int.TryParse(http.Request.Query["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            try
            {
                if (await DcatApi.FindAsync(id, http, reads.For(viewers.Current(http)), viewers, ct) is { } record)
                {
                    // "<" as \u003c: no text of a record can close the script element or open a comment.
                    var json = SchemaOrgDataset.For(record, DcatApi.Root(http.Request)).ToJsonString(JsonConventions.Options)
                        .Replace("<", "\\u003c", StringComparison.Ordinal);
                    html = html.Replace("</head>", $"  <script type=\"application/ld+json\">{json}</script>\n</head>", StringComparison.Ordinal);
                }
            }
            catch (NpgsqlException)
            {
                // The page still works without its description; its script reports the database's state.
            }
        }
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.Vary = "Cookie, Authorization";
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
