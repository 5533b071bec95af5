using System.Globalization;
using System.Text.RegularExpressions;
using SeGeoCatalogue.ApiDocs;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Boundaries.Releases;

/// <summary>POST /api/boundaries/releases: curators import a MIMU boundary release; a dry run unless dry_run=false.</summary>
public static partial class BoundaryReleasesApi
{
    /// <summary>A national release of village tracts as a zipped Shapefile is about 100 MB.</summary>
    const long MaxUploadBytes = 300L * 1024 * 1024;

    public static RouteGroupBuilder MapBoundaryReleases(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/boundaries").WithTags("Boundaries").RequireAuthorization(Policies.Curator);
        group.MapPost("/releases", Import)
            .WithSummary("Import a MIMU boundary release (dry run by default)")
            .WithDescription("multipart/form-data: file (.zip of Shapefiles or .gpkg, MIMU field names, any CRS with a .prj), name (e.g. \"MIMU Pcodes 9.6\"), " +
                             "released_on (YYYY-MM-DD), states (comma-separated state pcodes, or all; default the seven of the wider SE), dry_run (true unless false). " +
                             "Answers what changes per state and what happens to datasets; commits only with dry_run=false.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBytes))
            .AcceptsUpload(new FormField("file", ".zip of Shapefiles or .gpkg with MIMU field names and a .prj", IsFile: true, Required: true),
                new FormField("name", "The release's name, e.g. MIMU Pcodes 9.6", Required: true), new FormField("released_on", "YYYY-MM-DD"),
                new FormField("states", "Comma-separated state pcodes, or all (default: the seven of the wider SE)"),
                new FormField("dry_run", "false commits; anything else is a dry run")).Produces<ReleaseImportReport>().Produces<ReleaseImportReport>(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    static async Task<IResult> Import(HttpRequest request, BoundaryReleaseImport releases, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!request.HasFormContentType)
            return errors.Add("file", "Upload the release as multipart/form-data in the field \"file\" (.zip of Shapefiles or .gpkg).").ToResult();
        var form = await request.ReadFormAsync(ct);
        var file = form.Files["file"];
        if (file is null) errors.Add("file", "No file in the field \"file\"; upload MIMU's .zip of Shapefiles or a .gpkg.");
        else if (!file.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && !file.FileName.EndsWith(".gpkg", StringComparison.OrdinalIgnoreCase))
            errors.Add("file", $"'{file.FileName}' is neither a .zip nor a .gpkg; upload the release as MIMU publishes it.");
        var name = form["name"].ToString().Trim();
        if (name.Length is 0 or > 200) errors.Add("name", "Name the release in up to 200 characters, e.g. \"MIMU Pcodes 9.6\".");
        DateOnly? releasedOn = null;
        if (form["released_on"].ToString() is { Length: > 0 } date)
        {
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) releasedOn = d;
            else errors.Add("released_on", $"'{date}' is not a date; write it as YYYY-MM-DD.");
        }
        var states = ParseStates(form["states"].ToString(), errors);
        var dryRun = form["dry_run"].ToString().Trim().ToLowerInvariant() is not ("false" or "0" or "no");
        if (errors.Any) return errors.ToResult();

        var path = Path.Combine(Path.GetTempPath(), $"segeo-release-{Guid.NewGuid():N}{Path.GetExtension(file!.FileName).ToLowerInvariant()}");
        try
        {
            await using (var target = File.Create(path))
                await file.CopyToAsync(target, ct);
            var report = await releases.ImportAsync(path, name, releasedOn, states, commit: !dryRun, ct);
            return report.Succeeded ? TypedResults.Ok(report) : TypedResults.UnprocessableEntity(report);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>null for all states; the wider SE when none are named.</summary>
    public static string[]? ParseStates(string text, FieldErrors errors)
    {
        text = text.Trim();
        if (text.Length == 0) return BoundaryReleaseImport.WiderSouthEast;
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase)) return null;
        var states = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => s.ToUpperInvariant()).Distinct().ToArray();
        var bad = states.Where(s => !StatePcode().IsMatch(s)).ToList();
        if (bad.Count > 0) errors.Add("states", $"{string.Join(", ", bad)}: not state/region pcodes; write e.g. MMR003,MMR011, or all.");
        return states;
    }

    [GeneratedRegex(@"^MMR\d{3}$")]
    private static partial Regex StatePcode();
}
