using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Web;

/// <summary>Compression of what the service reads out, and boundary geometry that a client fetches once per edition.</summary>
public sealed class BytesOnTheWireTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    const string VillageTractCounts = "/api/coverage?level=village-tract&geometry=none";

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task The_village_tract_map_travels_compressed_and_reads_back_as_the_same_document(string encoding)
    {
        var plain = await GetAsync(VillageTractCounts, null);
        var packed = await GetAsync(VillageTractCounts, encoding);

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal([encoding], packed.Content.Headers.ContentEncoding);
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        var packedBytes = await packed.Content.ReadAsByteArrayAsync();
        var unpacked = Decode(packedBytes, encoding);
        Assert.Equal(2578, JsonNode.Parse(unpacked)!["features"]!.AsArray().Count);
        Assert.Equal(Encoding.UTF8.GetString(plainBytes).Length, unpacked.Length);
        Assert.True(packedBytes.Length < plainBytes.Length / 4, $"{packedBytes.Length} of {plainBytes.Length} bytes");
        Assert.True(packedBytes.Length <= 1_000_000, $"{packedBytes.Length} bytes");
    }

    [Fact]
    public async Task CSV_downloads_are_compressed_too()
    {
        var response = await GetAsync("/api/gaps?level=village-tract&f=csv", "gzip");

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        var csv = Decode(await response.Content.ReadAsByteArrayAsync(), "gzip");
        Assert.StartsWith("pcode,", csv);
    }

    [Fact]
    public async Task Account_responses_are_never_compressed()
    {
        var response = await GetAsync("/api/account/me", "br, gzip");

        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Boundary_geometry_is_revalidated_by_its_edition_and_a_matching_client_gets_a_304_without_polygons()
    {
        const string url = "/api/admin-units?level=township&geometry=simplified&limit=1000";
        var first = await GetAsync(url, null);
        var etag = first.Headers.ETag?.ToString();
        Assert.NotNull(etag);
        Assert.Contains("max-age", first.Headers.CacheControl?.ToString());

        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var notModified = await fixture.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        // Importing boundaries makes a new edition: the old ETag no longer matches and the polygons come again.
        await fixture.App.ScalarAsync<int>("INSERT INTO boundary_editions (imported_at, summary) VALUES (now(), '{}') RETURNING id");
        var afterImport = new HttpRequestMessage(HttpMethod.Get, url);
        afterImport.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var changed = await fixture.Client.SendAsync(afterImport);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag?.ToString());
        Assert.Equal(79, JsonNode.Parse(await changed.Content.ReadAsStringAsync())!["features"]!.AsArray().Count);
    }

    Task<HttpResponseMessage> GetAsync(string url, string? encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (encoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        return fixture.Client.SendAsync(request);
    }

    static string Decode(byte[] bytes, string encoding)
    {
        using Stream packed = new MemoryStream(bytes);
        using Stream stream = encoding == "br" ? new BrotliStream(packed, CompressionMode.Decompress) : new GZipStream(packed, CompressionMode.Decompress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
