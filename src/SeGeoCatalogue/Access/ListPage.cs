namespace SeGeoCatalogue.Access;

/// <summary>One page of a paged JSON list: the total before paging, the limit and offset used, and the items.</summary>
public sealed record ListPage<T>(long Total, int Limit, int Offset, IReadOnlyList<T> Items);
