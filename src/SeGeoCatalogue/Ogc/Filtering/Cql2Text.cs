using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace SeGeoCatalogue.Ogc.Filtering;

/// <summary>
/// Reads the CQL2 text encoding (the subset served: AND/OR/NOT, comparisons, LIKE, IN, BETWEEN, IS NULL,
/// S_INTERSECTS with a WKT or BBOX literal, T_INTERSECTS with DATE/TIMESTAMP/INTERVAL), bounded in length, depth and size.
/// </summary>
public sealed class Cql2Text
{
    static readonly string[] GeometryWords =
        ["POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"];

    readonly string _text;
    int _at, _depth, _nodes;

    Cql2Text(string text) => _text = text;

    public static Cql Parse(string text)
    {
        if (text.Length > Cql.MaxLength) throw new CqlException($"The filter is {text.Length} characters long; at most {Cql.MaxLength} are read.");
        var parser = new Cql2Text(text);
        var expression = parser.Or();
        parser.Space();
        if (parser._at < text.Length) throw parser.Error("an operator (AND, OR) or the end of the filter");
        return expression;
    }

    Cql Node(Cql node)
    {
        if (++_nodes > Cql.MaxNodes) throw new CqlException($"The filter has more than {Cql.MaxNodes} terms; split the query.");
        return node;
    }

    Cql Or()
    {
        var args = new List<Cql> { And() };
        while (Word("OR")) args.Add(And());
        return args.Count == 1 ? args[0] : Node(new CqlOr(args));
    }

    Cql And()
    {
        var args = new List<Cql> { Not() };
        while (Word("AND")) args.Add(Not());
        return args.Count == 1 ? args[0] : Node(new CqlAnd(args));
    }

    Cql Not()
    {
        if (Word("NOT")) return Node(new CqlNot(Nested(Not)));
        return Predicate();
    }

    Cql Nested(Func<Cql> read)
    {
        if (++_depth > Cql.MaxDepth) throw new CqlException($"The filter nests deeper than {Cql.MaxDepth} levels.");
        var node = read();
        _depth--;
        return node;
    }

    Cql Predicate()
    {
        Space();
        var start = _at;
        if (Symbol("("))
        {
            var inner = Nested(Or);
            Expect(")");
            return inner;
        }
        foreach (var fn in new[] { "S_INTERSECTS", "T_INTERSECTS" })
            if (Function(fn))
            {
                var left = Operand();
                Expect(",");
                var right = Operand();
                Expect(")");
                return Node(fn[0] == 'S' ? new CqlSpatial("s_intersects", left, right) : new CqlTemporal("t_intersects", left, right));
            }
        var value = Operand();
        if (Word("IS"))
        {
            var negated = Word("NOT");
            if (!Word("NULL")) throw Error("NULL after IS");
            var isNull = Node(new CqlIsNull(value));
            return negated ? Node(new CqlNot(isNull)) : isNull;
        }
        var not = Word("NOT");
        Cql predicate;
        if (Word("LIKE")) predicate = Node(new CqlLike(value, Operand()));
        else if (Word("BETWEEN"))
        {
            var low = Operand();
            if (!Word("AND")) throw Error("AND between the bounds of BETWEEN");
            predicate = Node(new CqlBetween(value, low, Operand()));
        }
        else if (Word("IN"))
        {
            Expect("(");
            var list = new List<Cql> { Operand() };
            while (Symbol(",")) list.Add(Operand());
            Expect(")");
            predicate = Node(new CqlIn(value, list));
        }
        else if (!not && CompareOp() is { } op) predicate = Node(new CqlCompare(op, value, Operand()));
        else
        {
            _at = start;
            throw Error("a comparison (=, <>, <, >, <=, >=), LIKE, IN, BETWEEN or IS NULL");
        }
        return not ? Node(new CqlNot(predicate)) : predicate;
    }

    string? CompareOp()
    {
        Space();
        foreach (var op in new[] { "<>", "<=", ">=", "=", "<", ">" })
            if (string.CompareOrdinal(_text, _at, op, 0, op.Length) == 0)
            {
                _at += op.Length;
                return op;
            }
        return null;
    }

    Cql Operand()
    {
        Space();
        if (_at >= _text.Length) throw Error("a property or a value");
        var c = _text[_at];
        if (c == '\'') return Node(new CqlLiteral(Quoted('\'')));
        if (c == '"') return Node(new CqlProperty(Quoted('"')));
        if (c is '-' or '+' or '.' || char.IsAsciiDigit(c)) return Node(new CqlLiteral(Number()));
        if (Function("DATE")) return Node(new CqlDate(Day(StringArgument(close: true))));
        if (Function("TIMESTAMP")) return Node(new CqlDate(Day(StringArgument(close: true))));
        if (Function("INTERVAL"))
        {
            var from = StringArgument(close: false);
            Expect(",");
            var to = StringArgument(close: true);
            return Node(new CqlInterval(from == ".." ? null : Day(from), to == ".." ? null : Day(to)));
        }
        if (Function("BBOX"))
        {
            var n = new List<double> { Number() };
            while (Symbol(",")) n.Add(Number());
            Expect(")");
            if (n.Count is not (4 or 6)) throw new CqlException("BBOX takes 4 (or 6) numbers: minLon, minLat, maxLon, maxLat.");
            if (n.Count == 6) n = [n[0], n[1], n[3], n[4]];
            return Node(new CqlGeometry(new GeometryFactory(new PrecisionModel(), 4326).ToGeometry(new Envelope(n[0], n[2], n[1], n[3]))));
        }
        var word = Identifier() ?? throw Error("a property or a value");
        if (GeometryWords.Contains(word.ToUpperInvariant())) return Node(new CqlGeometry(Wkt(word)));
        if (word.Equals("TRUE", StringComparison.OrdinalIgnoreCase)) return Node(new CqlLiteral(true));
        if (word.Equals("FALSE", StringComparison.OrdinalIgnoreCase)) return Node(new CqlLiteral(false));
        return Node(new CqlProperty(word));
    }

    /// <summary>A WKT literal from its keyword to its closing parenthesis, read by NetTopologySuite.</summary>
    Geometry Wkt(string keyword)
    {
        var start = _at - keyword.Length;
        Space();
        if (_at >= _text.Length || _text[_at] != '(') throw Error($"( after {keyword}");
        var depth = 0;
        do
        {
            if (_text[_at] == '(') depth++;
            else if (_text[_at] == ')') depth--;
            _at++;
        } while (depth > 0 && _at < _text.Length);
        if (depth > 0) throw Error($"the closing ) of the {keyword}");
        try
        {
            var geometry = new WKTReader().Read(_text[start.._at]);
            geometry.SRID = 4326;
            return geometry;
        }
        catch (Exception e) when (e is ParseException or ArgumentException or FormatException)
        {
            throw new CqlException($"The {keyword} literal is not valid WKT: {e.Message}");
        }
    }

    string StringArgument(bool close)
    {
        Space();
        if (_at >= _text.Length || _text[_at] != '\'') throw Error("a quoted value");
        var value = Quoted('\'');
        if (close) Expect(")");
        return value;
    }

    static DateOnly Day(string text)
    {
        if (text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && (text.Length == 10 || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)))
            return day;
        throw new CqlException($"'{text}' is not a date (2015-03-01) or an RFC 3339 timestamp (2015-03-01T00:00:00Z).");
    }

    double Number()
    {
        Space();
        var start = _at;
        while (_at < _text.Length && (char.IsAsciiDigit(_text[_at]) || _text[_at] is '-' or '+' or '.' or 'e' or 'E')) _at++;
        if (double.TryParse(_text.AsSpan(start, _at - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            return value;
        _at = start;
        throw Error("a number");
    }

    string Quoted(char quote)
    {
        var value = new System.Text.StringBuilder();
        _at++;
        while (true)
        {
            if (_at >= _text.Length) throw new CqlException($"A {(quote == '\'' ? "string" : "quoted name")} is not closed with {quote}.");
            if (_text[_at] == quote)
            {
                if (_at + 1 < _text.Length && _text[_at + 1] == quote)
                {
                    value.Append(quote);
                    _at += 2;
                    continue;
                }
                _at++;
                return value.ToString();
            }
            value.Append(_text[_at++]);
        }
    }

    string? Identifier()
    {
        Space();
        var start = _at;
        while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] is '_' or ':' or '.')) _at++;
        return _at > start && !char.IsAsciiDigit(_text[start]) ? _text[start.._at] : null;
    }

    /// <summary>A keyword (case-insensitive, whole word); consumed when present.</summary>
    bool Word(string word)
    {
        Space();
        if (_at + word.Length > _text.Length || string.Compare(_text, _at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0) return false;
        var end = _at + word.Length;
        if (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_')) return false;
        _at = end;
        return true;
    }

    bool Function(string name)
    {
        var start = _at;
        if (Word(name) && Symbol("(")) return true;
        _at = start;
        return false;
    }

    bool Symbol(string symbol)
    {
        Space();
        if (string.CompareOrdinal(_text, _at, symbol, 0, symbol.Length) != 0) return false;
        _at += symbol.Length;
        return true;
    }

    void Expect(string symbol)
    {
        if (!Symbol(symbol)) throw Error($"'{symbol}'");
    }

    void Space()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at])) _at++;
    }

    CqlException Error(string expected) =>
        new($"Expected {expected} at character {_at + 1}{(_at < _text.Length ? $" ('{_text[_at..Math.Min(_text.Length, _at + 12)]}')" : " (the end)")}.");
}
