using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Net.Http.Headers;
using Npgsql;
using SeGeoCatalogue.Access;

namespace SeGeoCatalogue.Ogc;

/// <summary>
/// ETag and Last-Modified of every OGC answer, and the 304 of RFC 9110 §13 for If-None-Match / If-Modified-Since.
/// The validator is the catalogue's change stamp (catalogue_version, raised once by every transaction that writes
/// records, their links, organisations or boundaries), the kind of viewer (what they may see) and the build (what
/// the answer looks like). It is read before the answer's data, so a write between the two can only make the tag
/// older than the data, never newer: a client never keeps stale data under a current tag.
/// </summary>
public static class OgcValidators
{
    static readonly string Build = typeof(OgcValidators).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8];

    public sealed record Stamp(long Version, DateTimeOffset ChangedAt);

    public static async Task<Stamp> ReadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT version, changed_at FROM catalogue_version");
        await using var row = await cmd.ExecuteReaderAsync(ct);
        await row.ReadAsync(ct);
        return new Stamp(row.GetInt64(0), row.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>
    /// Sets the validators on a successful answer and turns it into a 304 when the client's copy is current;
    /// errors pass unchanged (they carry no validator, so no client keeps one).
    /// </summary>
    public static object? Apply(HttpContext http, Stamp stamp, Viewer viewer, object? result)
    {
        if (result is ProblemHttpResult or IStatusCodeHttpResult { StatusCode: >= 300 }) return result;
        var etag = new EntityTagHeaderValue($"\"{stamp.Version}-{ViewerKey(viewer)}-{Build}\"", isWeak: true);
        // HTTP dates have whole seconds; rounded up so a change within the second is never taken as older.
        var lastModified = DateTimeOffset.FromUnixTimeSeconds((stamp.ChangedAt.ToUnixTimeMilliseconds() + 999) / 1000);
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = lastModified;
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true, Private = !viewer.IsAnonymous };
        http.Response.Headers.Vary = "Cookie, Authorization";
        return IsCurrent(http.Request.GetTypedHeaders(), etag, lastModified) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : result;
    }

    /// <summary>If-None-Match (weak comparison) decides when sent; If-Modified-Since only without it (RFC 9110 §13.2.2).</summary>
    static bool IsCurrent(RequestHeaders request, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        if (request.IfNoneMatch is { Count: > 0 } tags)
            return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
        return request.IfModifiedSince is { } since && lastModified <= since;
    }

    /// <summary>What the viewer may see depends only on this (see <see cref="DatasetVisibility"/>).</summary>
    static string ViewerKey(Viewer viewer) =>
        viewer.IsCurator ? "c" : viewer.IsMember ? $"m{viewer.OrganisationId}" : "p";
}
