using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Boundaries;

/// <summary>
/// Boundary geometry changes only with a boundary edition: its responses carry the edition as a (weak) ETag and may be
/// kept for ten minutes; a client that sends the ETag back gets a 304 without the polygons.
/// </summary>
public sealed class BoundaryCaching(CatalogueReads reads) : IEndpointFilter
{
    public const string CacheControl = "public, max-age=600";

    /// <summary>The edition this request was answered for, for handlers that cache by it.</summary>
    public static int Edition(HttpContext http) => (int)http.Items[EditionKey]!;

    const string EditionKey = "boundary-edition";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        await using var cmd = reads.Boundaries.CreateCommand("SELECT coalesce(max(id), 0) FROM boundary_editions");
        var edition = (int)(await cmd.ExecuteScalarAsync(http.RequestAborted))!;
        http.Items[EditionKey] = edition;
        var etag = $"W/\"boundaries-{edition}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = CacheControl;
        var sent = http.Request.Headers.IfNoneMatch.ToString();
        if (sent.Length > 0 && sent.Split(',').Select(t => t.Trim()).Any(t => t == "*" || WeakEquals(t, etag)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return await next(context);
    }

    /// <summary>If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x".</summary>
    static bool WeakEquals(string a, string b) => a.TrimStart('W', '/') == b.TrimStart('W', '/');
}
