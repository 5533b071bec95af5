namespace SeGeoCatalogue.Shared;

/// <summary>
/// The page size of one collection: the default and the maximum limit (a larger one is clamped). Also endpoint
/// metadata, from which the OpenAPI document states limit's default and maximum — the same numbers the handler uses.
/// </summary>
public sealed record PageBounds(int DefaultLimit, int MaxLimit);
