using NetTopologySuite.Geometries;

namespace SeGeoCatalogue.Ogc.Filtering;

/// <summary>A CQL2 expression (OGC 21-065), as read from its text or JSON encoding: what <see cref="CqlSql"/> translates.</summary>
public abstract record Cql
{
    /// <summary>The bounds of what a filter may ask: longer, deeper or larger filters are a 400 before any SQL is made.</summary>
    public const int MaxLength = 2_000, MaxDepth = 12, MaxNodes = 100;
}

public sealed record CqlAnd(IReadOnlyList<Cql> Args) : Cql;
public sealed record CqlOr(IReadOnlyList<Cql> Args) : Cql;
public sealed record CqlNot(Cql Arg) : Cql;
/// <summary>=, &lt;&gt;, &lt;, &gt;, &lt;=, &gt;=</summary>
public sealed record CqlCompare(string Op, Cql Left, Cql Right) : Cql;
public sealed record CqlLike(Cql Value, Cql Pattern) : Cql;
public sealed record CqlIn(Cql Value, IReadOnlyList<Cql> List) : Cql;
public sealed record CqlBetween(Cql Value, Cql Low, Cql High) : Cql;
public sealed record CqlIsNull(Cql Value) : Cql;
/// <summary>S_INTERSECTS (the one spatial function served).</summary>
public sealed record CqlSpatial(string Op, Cql Left, Cql Right) : Cql;
/// <summary>T_INTERSECTS (the one temporal function served).</summary>
public sealed record CqlTemporal(string Op, Cql Left, Cql Right) : Cql;

public sealed record CqlProperty(string Name) : Cql;
/// <summary>A string, a number (double) or a boolean.</summary>
public sealed record CqlLiteral(object Value) : Cql;
public sealed record CqlDate(DateOnly Day) : Cql;
/// <summary>An interval of days; null for an open end ("..").</summary>
public sealed record CqlInterval(DateOnly? From, DateOnly? To) : Cql;
public sealed record CqlGeometry(Geometry Geometry) : Cql;

/// <summary>A filter that cannot be read or translated: a 400 naming the filter parameter and the problem.</summary>
public sealed class CqlException(string message) : Exception(message);
