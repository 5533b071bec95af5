using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SeGeoCatalogue.Data;

namespace SeGeoCatalogue.Datasets;

/// <summary>A create already made with this user's Idempotency-Key: the record it made and a hash of its body.</summary>
public sealed class IdempotencyKey
{
    public required string UserId { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public int DatasetId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// POST /api/datasets with an <c>Idempotency-Key</c> header: a retry with the same key and body (after a lost
/// response) gets the record the first request made, not a duplicate; the same key with another body is a 422.
/// The key row is stored in the create's own transaction, so concurrent retries make one record.
/// </summary>
public static class IdempotentCreate
{
    public const string Header = "Idempotency-Key";
    const int MaxKeyLength = 200;

    /// <summary>The key of the request (null without one), or a 400 when it is too long.</summary>
    public static (string? Key, IResult? Problem) Read(HttpRequest request)
    {
        var key = request.Headers[Header].ToString().Trim();
        if (key.Length == 0) return (null, null);
        return key.Length > MaxKeyLength
            ? (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Idempotency-Key too long",
                detail: $"The {Header} header has {key.Length} characters; send at most {MaxKeyLength}, e.g. a UUID."))
            : (key, null);
    }

    public static IdempotencyKey NewKey(string userId, string key, DatasetInput input, DateTimeOffset now) => new()
    {
        UserId = userId, Key = key, RequestHash = Hash(input), CreatedAt = now,
    };

    /// <summary>The record an earlier request with this key made; a 422 when that request had another body; null when the key is new.</summary>
    public static async Task<(int? DatasetId, IResult? Problem)> EarlierAsync(CatalogueDb db, string userId, string key, DatasetInput input, CancellationToken ct)
    {
        var earlier = await db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.UserId == userId && k.Key == key, ct);
        if (earlier is null) return (null, null);
        return earlier.RequestHash == Hash(input)
            ? (earlier.DatasetId, null)
            : (null, TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                detail: $"This {Header} was used for dataset {earlier.DatasetId} with a different body; send a new key for a new record."));
    }

    /// <summary>Whether a create failed because a concurrent request with the same key committed first.</summary>
    public static bool IsDuplicateKey(DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "idempotency_keys" };

    static string Hash(DatasetInput input) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(input, JsonSerializerOptions.Web))));
}
