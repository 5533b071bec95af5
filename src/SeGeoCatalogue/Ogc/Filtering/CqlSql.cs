using System.Globalization;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace SeGeoCatalogue.Ogc.Filtering;

/// <summary>
/// Translates a CQL2 expression into a SQL condition: property names only from the collection's queryables (their SQL
/// is ours), every value a parameter of <paramref name="cmd"/>. No text of the filter ever enters the SQL.
/// </summary>
public sealed class CqlSql(NpgsqlCommand cmd, IReadOnlyList<Queryable> queryables)
{
    int _parameters;

    /// <summary>Whether the condition reads the geometry (the datasets' count must then compute it).</summary>
    public bool UsesGeometry { get; private set; }

    public string Where(Cql node) => node switch
    {
        CqlAnd and => "(" + string.Join(" AND ", and.Args.Select(Where)) + ")",
        CqlOr or => "(" + string.Join(" OR ", or.Args.Select(Where)) + ")",
        CqlNot not => $"(NOT {Where(not.Arg)})",
        CqlCompare c => Compare(c),
        CqlLike like => $"({Property(like.Value, "LIKE", QueryableType.String).Sql} LIKE {Value(like.Pattern, QueryableType.String, "LIKE")})",
        CqlIn @in => In(@in),
        CqlBetween b => Between(b),
        CqlIsNull isNull => $"({Property(isNull.Value, "IS NULL", null).Sql} IS NULL)",
        CqlSpatial s => Spatial(s),
        CqlTemporal t => Temporal(t),
        _ => throw new CqlException("A value stands where a condition is expected (e.g. a lone property or literal); write a comparison."),
    };

    string Compare(CqlCompare c)
    {
        var (left, right) = c.Left is CqlProperty ? (c.Left, c.Right) : (c.Right, c.Left);
        var op = c.Left is CqlProperty ? c.Op : Mirror(c.Op);
        var property = Property(left, c.Op, null);
        if (property.Type is QueryableType.Geometry or QueryableType.Period)
            throw new CqlException($"'{property.Name}' is compared with {(property.Type == QueryableType.Geometry ? "S_INTERSECTS" : "T_INTERSECTS")}, not {c.Op}.");
        if (right is CqlProperty other)
        {
            var second = Property(other, c.Op, property.Type);
            return $"({property.Sql} {op} {second.Sql})";
        }
        return $"({property.Sql} {op} {Value(right, property.Type, property.Name)})";
    }

    static string Mirror(string op) => op switch { "<" => ">", ">" => "<", "<=" => ">=", ">=" => "<=", _ => op };

    string In(CqlIn @in)
    {
        var property = Property(@in.Value, "IN", null);
        var values = @in.List.Select(v => Literal(v, property.Type, property.Name)).ToArray();
        var type = DbType(property.Type);
        var array = Array.CreateInstance(values[0].GetType(), values.Length);
        for (var i = 0; i < values.Length; i++) array.SetValue(values[i], i);
        return $"({property.Sql} = ANY({Parameter(array, NpgsqlDbType.Array | type)}))";
    }

    string Between(CqlBetween b)
    {
        var property = Property(b.Value, "BETWEEN", null);
        return $"({property.Sql} BETWEEN {Value(b.Low, property.Type, property.Name)} AND {Value(b.High, property.Type, property.Name)})";
    }

    string Spatial(CqlSpatial s)
    {
        var (property, literal) = s.Left is CqlProperty ? (s.Left, s.Right) : (s.Right, s.Left);
        var geometry = Property(property, "S_INTERSECTS", QueryableType.Geometry);
        if (literal is not CqlGeometry { Geometry: var g })
            throw new CqlException("S_INTERSECTS compares the geometry with a literal: a WKT geometry, BBOX(…) or (JSON) a GeoJSON geometry or bbox.");
        if (!g.IsValid) throw new CqlException("The geometry literal is not valid (e.g. its rings cross); give a simple, closed one.");
        if (g.EnvelopeInternal is var e && (e.MinX < -180 || e.MaxX > 180 || e.MinY < -90 || e.MaxY > 90))
            throw new CqlException("The geometry literal must be in CRS84: longitude -180..180 first, then latitude -90..90.");
        UsesGeometry = true;
        return $"ST_Intersects({geometry.Sql}, {Parameter(g, null)})";
    }

    string Temporal(CqlTemporal t)
    {
        var (property, literal) = t.Left is CqlProperty ? (t.Left, t.Right) : (t.Right, t.Left);
        var q = Property(property, "T_INTERSECTS", null);
        if (q.Type is not (QueryableType.Date or QueryableType.Period))
            throw new CqlException($"T_INTERSECTS takes a date queryable (datetime, period_start, period_end, collected_on), not '{q.Name}'.");
        var (start, end) = q.Type == QueryableType.Period ? (q.Sql.Split('|')[0], q.Sql.Split('|')[1]) : (q.Sql, q.Sql);
        var (from, to) = literal switch
        {
            CqlDate d => ((DateOnly?)d.Day, (DateOnly?)d.Day),
            CqlInterval i => (i.From, i.To),
            CqlLiteral { Value: string s } => (Day(s), Day(s)),
            _ => throw new CqlException("T_INTERSECTS takes a DATE('…'), TIMESTAMP('…') or INTERVAL('…', '…') literal."),
        };
        if (from > to) throw new CqlException("The interval ends before it starts.");
        var parts = new List<string> { $"{start} IS NOT NULL" };
        if (to is { } upper) parts.Add($"{start} <= {Parameter(upper, NpgsqlDbType.Date)}");
        if (from is { } lower) parts.Add($"{end} >= {Parameter(lower, NpgsqlDbType.Date)}");
        return "(" + string.Join(" AND ", parts) + ")";
    }

    Queryable Property(Cql node, string op, QueryableType? expected)
    {
        if (node is not CqlProperty { Name: var name })
            throw new CqlException($"{op} takes a queryable on its left (one of {string.Join(", ", queryables.Select(q => q.Name))}).");
        var q = queryables.FirstOrDefault(q => q.Name == name)
            ?? throw new CqlException($"'{name}' is not a queryable of this collection; its queryables are {string.Join(", ", queryables.Select(q => q.Name))} (see …/queryables).");
        if (expected is { } type && q.Type != type && !(type == QueryableType.String && q.Type == QueryableType.String))
            throw new CqlException($"'{name}' is a {q.Type.ToString().ToLowerInvariant()}; {op} needs a {type.ToString().ToLowerInvariant()}.");
        if (q.Type == QueryableType.Period && op is not "T_INTERSECTS") throw new CqlException($"'{name}' is an interval: use T_INTERSECTS.");
        return q;
    }

    string Value(Cql node, QueryableType type, string what) => Parameter(Literal(node, type, what), DbType(type));

    static object Literal(Cql node, QueryableType type, string what) => (type, node) switch
    {
        (QueryableType.String, CqlLiteral { Value: string s }) => s,
        (QueryableType.Integer, CqlLiteral { Value: double d }) when d == Math.Floor(d) && Math.Abs(d) < 1e15 => (long)d,
        (QueryableType.Number, CqlLiteral { Value: double d }) => d,
        (QueryableType.Boolean, CqlLiteral { Value: bool b }) => b,
        (QueryableType.Date, CqlDate d) => d.Day,
        (QueryableType.Date, CqlLiteral { Value: string s }) => Day(s),
        _ => throw new CqlException($"'{what}' is a {type.ToString().ToLowerInvariant()}: compare it with a {Example(type)}."),
    };

    static string Example(QueryableType type) => type switch
    {
        QueryableType.String => "quoted string ('Mon')",
        QueryableType.Integer => "whole number",
        QueryableType.Number => "number",
        QueryableType.Boolean => "TRUE or FALSE",
        QueryableType.Date => "DATE('2015-03-01')",
        _ => "literal",
    };

    static DateOnly Day(string text) =>
        DateOnly.TryParseExact(text.Length > 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : throw new CqlException($"'{text}' is not a date (2015-03-01).");

    static NpgsqlDbType DbType(QueryableType type) => type switch
    {
        QueryableType.Integer => NpgsqlDbType.Bigint,
        QueryableType.Number => NpgsqlDbType.Double,
        QueryableType.Boolean => NpgsqlDbType.Boolean,
        QueryableType.Date => NpgsqlDbType.Date,
        _ => NpgsqlDbType.Text,
    };

    string Parameter(object value, NpgsqlDbType? type)
    {
        var name = $"cql{_parameters++}";
        var parameter = type is { } t ? new NpgsqlParameter(name, t) { Value = value } : new NpgsqlParameter(name, value);
        if (value is Geometry) parameter = new NpgsqlParameter<Geometry>(name, (Geometry)value);
        cmd.Parameters.Add(parameter);
        return "@" + name;
    }
}
