using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Ckan;

/// <summary>
/// package_search's parameters, read into SQL over the public records: <c>q</c> (the catalogue's text search; <c>*:*</c>
/// for everything), <c>fq</c> (Solr-style terms: <c>organization:</c>, <c>owner_org:</c>, <c>groups:</c>, <c>tags:</c>,
/// <c>dataset_type:dataset</c>, <c>metadata_modified:[FROM TO *]</c> as ckanext-harvest asks for changes; terms are ANDed),
/// <c>rows</c> (10, at most 1,000 as CKAN caps it), <c>start</c>, <c>sort</c>. Every value is a parameter.
/// </summary>
public sealed partial record CkanSearch(DatasetFilter Filter, int[] Holders, string[] Groups, string[] Tags,
    DateTimeOffset? Since, DateTimeOffset? Until, int Rows, int Start, string Sort, string OrderBy)
{
    public const int DefaultRows = 10;
    public const int MaxRows = 1_000;
    const string DefaultSort = "score desc, metadata_modified desc";

    /// <summary>The search, or the field and message of CKAN's error (<c>Search</c> true for a Search Query Error).</summary>
    public static (CkanSearch? Search, string? Field, string? Error) Read(IQueryCollection query, CkanOrganisations organisations)
    {
        var text = query["q"].ToString().Trim();
        if (text is "*:*" or "*") text = "";
        if (!TryInt(query["rows"], DefaultRows, out var rows) || rows < 0) return (null, "rows", "Invalid integer: rows must be 0 or more.");
        if (!TryInt(query["start"], 0, out var start) || start < 0) return (null, "start", "Invalid integer: start must be 0 or more.");

        var holders = new List<int>();
        var groups = new List<string>();
        var tags = new List<string>();
        DateTimeOffset? since = null, until = null;
        foreach (var fq in query["fq"])
        {
            var rest = Term().Replace(fq ?? "", m =>
            {
                var key = m.Groups["key"].Value;
                var value = m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["value"].Value;
                switch (key)
                {
                    case "organization": holders.Add(organisations.Find(value)?.Id ?? -1); break;
                    case "owner_org": holders.Add(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1); break;
                    case "groups": groups.Add(value); break;
                    case "tags": tags.Add(value); break;
                    case "dataset_type" when value == "dataset": break;
                    case "dataset_type": holders.Add(-1); break; // no other types here: nothing matches
                    default: return m.Value;
                }
                return " ";
            });
            rest = Range().Replace(rest, m =>
            {
                if (!Instant(m.Groups["from"].Value, out since) || !Instant(m.Groups["to"].Value, out until)) return m.Value;
                return " ";
            });
            rest = rest.Replace(" AND ", " ", StringComparison.Ordinal).Trim();
            if (rest.Length > 0)
                return (null, "fq", $"Search error: fq '{rest}' is not understood here; use organization:NAME, owner_org:ID, groups:SECTOR, " +
                                    "tags:\"INDICATOR\", dataset_type:dataset or metadata_modified:[2024-01-01T00:00:00Z TO *], joined by spaces or AND.");
        }

        var sort = query["sort"].ToString().Trim() is { Length: > 0 } s ? s : DefaultSort;
        var order = new List<string>();
        foreach (var part in sort.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var direction = words.Length == 1 ? "ASC" : words.Length == 2 && words[1] is "asc" or "desc" ? words[1].ToUpperInvariant() : null;
            string? column = words[0] switch
            {
                "score" => text.Length > 0 ? "ts_rank(d.search, websearch_to_tsquery('english', @f_q))" : "",
                "metadata_modified" => "d.updated_at",
                "metadata_created" => "d.created_at",
                "title_string" or "title" => "lower(d.title)",
                "name" => "lower(d.title)",
                "id" => "d.id",
                _ => null,
            };
            if (column is null || direction is null)
                return (null, "sort", $"Search error: cannot sort by '{part}'; use score, metadata_modified, metadata_created, title_string, name or id, each asc or desc.");
            if (column.Length > 0) order.Add($"{column} {direction}");
        }
        order.Add("d.id");

        var search = new CkanSearch(new DatasetFilter { Text = text.Length > 0 ? text : null }, [.. holders], [.. groups], [.. tags],
            since, until, Math.Min(rows, MaxRows), start, sort, string.Join(", ", order));
        return (search, null, null);
    }

    /// <summary>The condition over <c>datasets d</c>: public records (the one visibility rule, as the public sees it) and the terms.</summary>
    public string ToSql(NpgsqlCommand cmd)
    {
        var where = new List<string> { Filter.ToSql(cmd, Viewer.Public) };
        if (Holders.Length > 0)
        {
            cmd.Parameters.AddWithValue("ck_holders", Holders);
            where.Add("d.holder_id = ALL(@ck_holders)");
        }
        if (Groups.Length > 0)
        {
            cmd.Parameters.Add(new NpgsqlParameter("ck_groups", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Groups });
            where.Add("d.sectors::text[] @> @ck_groups");
        }
        if (Tags.Length > 0)
        {
            cmd.Parameters.Add(new NpgsqlParameter("ck_tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Tags });
            where.Add("d.indicators::text[] @> @ck_tags");
        }
        if (Since is { } since)
        {
            cmd.Parameters.AddWithValue("ck_since", since);
            where.Add("d.updated_at >= @ck_since");
        }
        if (Until is { } until)
        {
            cmd.Parameters.AddWithValue("ck_until", until);
            where.Add("d.updated_at <= @ck_until");
        }
        return string.Join(" AND ", where);
    }

    static bool TryInt(Microsoft.Extensions.Primitives.StringValues value, int fallback, out int result)
    {
        result = fallback;
        return string.IsNullOrWhiteSpace(value) || int.TryParse(value.ToString().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);
    }

    static bool Instant(string text, out DateTimeOffset? value)
    {
        value = null;
        if (text == "*") return true;
        if (text.StartsWith("NOW", StringComparison.Ordinal)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)) return false;
        value = t;
        return true;
    }

    [GeneratedRegex("""(?:^|(?<=\s))\+?(?<key>[a-z_]+):(?:"(?<quoted>[^"]{1,300})"|(?<value>[^\s"\[\]]{1,300}))(?=\s|$)""")]
    private static partial Regex Term();

    [GeneratedRegex(@"(?:^|(?<=\s))\+?metadata_modified:\[(?<from>\S{1,40}) TO (?<to>\S{1,40})\](?=\s|$)")]
    private static partial Regex Range();
}
