using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace SeGeoCatalogue.Ogc.Filtering;

/// <summary>Reads the CQL2 JSON encoding ({"op": …, "args": […]}) into the same expressions as <see cref="Cql2Text"/>, with the same bounds.</summary>
public sealed class Cql2Json
{
    static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };
    static readonly string[] Comparisons = ["=", "<>", "<", ">", "<=", ">="];
    int _nodes;

    public static Cql Parse(string text)
    {
        if (text.Length > Cql.MaxLength) throw new CqlException($"The filter is {text.Length} characters long; at most {Cql.MaxLength} are read.");
        JsonNode? root;
        try
        {
            // Depth: the expression's own levels plus a geometry's coordinate arrays.
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = Cql.MaxDepth + 6 });
        }
        catch (JsonException e)
        {
            throw new CqlException($"The filter is not JSON (filter-lang=cql2-json): {e.Message}");
        }
        return new Cql2Json().Expression(root, 0);
    }

    Cql Node(Cql node) => ++_nodes > Cql.MaxNodes ? throw new CqlException($"The filter has more than {Cql.MaxNodes} terms; split the query.") : node;

    Cql Expression(JsonNode? node, int depth)
    {
        if (depth > Cql.MaxDepth) throw new CqlException($"The filter nests deeper than {Cql.MaxDepth} levels.");
        if (node is not JsonObject o || o["op"] is not JsonValue opValue || opValue.GetValueKind() != JsonValueKind.String || o["args"] is not JsonArray args)
            throw new CqlException("Each CQL2 JSON expression is an object {\"op\": \"…\", \"args\": […]}.");
        var op = ((string)opValue!).ToLowerInvariant();
        Cql Arg(int i) => i < args.Count ? Operand(args[i], depth + 1) : throw new CqlException($"'{op}' needs more arguments.");
        void Count(int n)
        {
            if (args.Count != n) throw new CqlException($"'{op}' takes {n} argument(s), not {args.Count}.");
        }
        switch (op)
        {
            case "and" or "or":
                if (args.Count < 2) throw new CqlException($"'{op}' takes two or more arguments.");
                var list = args.Select(a => Expression(a, depth + 1)).ToList();
                return Node(op == "and" ? new CqlAnd(list) : new CqlOr(list));
            case "not":
                Count(1);
                return Node(new CqlNot(Expression(args[0], depth + 1)));
            case var c when Comparisons.Contains(c):
                Count(2);
                return Node(new CqlCompare(c, Arg(0), Arg(1)));
            case "like":
                Count(2);
                return Node(new CqlLike(Arg(0), Arg(1)));
            case "between":
                Count(3);
                return Node(new CqlBetween(Arg(0), Arg(1), Arg(2)));
            case "in":
                Count(2);
                if (args[1] is not JsonArray values || values.Count == 0) throw new CqlException("'in' takes a value and a non-empty array of values.");
                return Node(new CqlIn(Arg(0), values.Select(v => Operand(v, depth + 1)).ToList()));
            case "isnull":
                Count(1);
                return Node(new CqlIsNull(Arg(0)));
            case "s_intersects":
                Count(2);
                return Node(new CqlSpatial(op, Arg(0), Arg(1)));
            case "t_intersects":
                Count(2);
                return Node(new CqlTemporal(op, Arg(0), Arg(1)));
            default:
                throw new CqlException($"The operator '{op}' is not served; use and, or, not, =, <>, <, >, <=, >=, like, in, between, isNull, s_intersects or t_intersects.");
        }
    }

    Cql Operand(JsonNode? node, int depth)
    {
        if (depth > Cql.MaxDepth) throw new CqlException($"The filter nests deeper than {Cql.MaxDepth} levels.");
        switch (node)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String: return Node(new CqlLiteral((string)v!));
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number: return Node(new CqlLiteral((double)v));
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False: return Node(new CqlLiteral((bool)v));
            case JsonObject o when o["property"] is JsonValue p && p.GetValueKind() == JsonValueKind.String: return Node(new CqlProperty((string)p!));
            case JsonObject o when o["date"] is JsonValue d: return Node(new CqlDate(Day(d)));
            case JsonObject o when o["timestamp"] is JsonValue t: return Node(new CqlDate(Day(t)));
            case JsonObject o when o["interval"] is JsonArray { Count: 2 } i:
                return Node(new CqlInterval(i[0] is JsonValue a && (string?)a == ".." ? null : Day(i[0]), i[1] is JsonValue b && (string?)b == ".." ? null : Day(i[1])));
            case JsonObject o when o["bbox"] is JsonArray box:
                var n = box.Select(x => x is JsonValue xv && xv.GetValueKind() == JsonValueKind.Number ? (double)xv : throw new CqlException("bbox holds numbers.")).ToList();
                if (n.Count is not (4 or 6)) throw new CqlException("bbox takes 4 (or 6) numbers: minLon, minLat, maxLon, maxLat.");
                if (n.Count == 6) n = [n[0], n[1], n[3], n[4]];
                return Node(new CqlGeometry(new GeometryFactory(new PrecisionModel(), 4326).ToGeometry(new Envelope(n[0], n[2], n[1], n[3]))));
            case JsonObject o when o["type"] is JsonValue && o["coordinates"] is not null:
                try
                {
                    var geometry = o.Deserialize<Geometry>(GeoJson) ?? throw new CqlException("The GeoJSON geometry is empty.");
                    geometry.SRID = 4326;
                    return Node(new CqlGeometry(geometry));
                }
                catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
                {
                    throw new CqlException($"The geometry is not valid GeoJSON: {e.Message}");
                }
            case JsonObject o when o["op"] is not null:
                return Expression(o, depth); // a nested predicate where a value is expected is refused by the translation
            default:
                throw new CqlException("An argument must be a property {\"property\": \"…\"}, a string, number or boolean, a date, timestamp, interval, bbox or GeoJSON geometry.");
        }
    }

    static DateOnly Day(JsonNode? node)
    {
        var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string)v! : "";
        if (text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && (text.Length == 10 || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)))
            return day;
        throw new CqlException($"'{text}' is not a date (2015-03-01) or an RFC 3339 timestamp (2015-03-01T00:00:00Z).");
    }
}
