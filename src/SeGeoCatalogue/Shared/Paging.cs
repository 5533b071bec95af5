namespace SeGeoCatalogue.Shared;

/// <summary>Every collection is paged: a default limit, clamped to a maximum; a negative offset is zero.</summary>
public readonly record struct Paging(int Limit, int Offset)
{
    public static Paging From(int? limit, int? offset, int defaultLimit = 100, int maxLimit = 1000) =>
        new(Math.Clamp(limit ?? defaultLimit, 1, maxLimit), Math.Max(offset ?? 0, 0));

    public static Paging From(int? limit, int? offset, PageBounds bounds) => From(limit, offset, bounds.DefaultLimit, bounds.MaxLimit);
}
