namespace SeGeoCatalogue.Datasets;

/// <summary>A term of a fixed vocabulary: the stable code stored and sent, and its label.</summary>
public sealed record Term(string Code, string Label, string? Description = null);

/// <summary>The network's fixed vocabularies (DOMAIN.md, founding minutes 2015-01-29). Codes never change.</summary>
public static class Vocabularies
{
    public static readonly IReadOnlyList<Term> Sectors =
    [
        new("physical", "1 Physical", "Village mapping, border crossings, waterways"),
        new("hazards", "2 Hazards", "Risk and disaster-prone areas"),
        new("demographics", "3 Demographics", "Census, IDPs, migration, refugees' areas of origin"),
        new("infrastructure", "4 Infrastructure", "Transport, electricity, media, mobile coverage"),
        new("administration", "5 Administration", "Structures in place, male/female administrators"),
        new("services", "6 Services", "Health and education facilities, staff, reach"),
        new("wash", "7 WASH", "Water, sanitation and hygiene; watersheds"),
        new("food-security", "8 Food security", "Nutrition, Food Consumption Score"),
        new("development-assistance", "9 Development assistance", "Budgets, 3W, donor spending"),
        new("local-governance", "10 Local governance"),
        new("economic", "11 Economic", "Poverty, labour, financial services"),
        new("security-protection", "12 Security & protection", "Landmines/UXO, checkpoints, areas of control, trafficking"),
        new("land-natural-resources", "13 Land & natural resources", "Land ownership, extractives"),
        new("justice", "14 Justice"),
        new("assessments", "15 Assessments", "Previous and planned assessments"),
    ];

    /// <summary>Disaggregation levels, coarse to fine; Rank compares with admin levels (state 1 … village tract 4).</summary>
    public static readonly IReadOnlyList<(Term Term, short Rank)> Levels =
    [
        (new("state", "State/region"), 1),
        (new("district", "District"), 2),
        (new("township", "Township"), 3),
        (new("village-tract", "Village tract"), 4),
        (new("village", "Village"), 5),
        (new("household", "Household/individual"), 6),
        (new("point", "Point locations"), 7),
    ];

    public static readonly IReadOnlyList<Term> Methods =
    [
        new("census", "Census"),
        new("household-survey", "Household survey"),
        new("key-informant-interviews", "Key-informant interviews"),
        new("focus-groups", "Focus groups"),
        new("administrative-records", "Administrative records"),
        new("remote-sensing", "Remote sensing / GIS"),
        new("gps-mapping", "GPS mapping"),
        new("secondary-review", "Secondary review"),
        new("other", "Other"),
    ];

    /// <summary>Whether a record covers every place inside the areas it is linked to, or only some (a sample).</summary>
    public static readonly IReadOnlyList<Term> SpatialCompleteness =
    [
        new("complete", "Every place in the linked areas", "Census, administrative records, full mapping or remote sensing"),
        new("sample", "Some places in the linked areas", "Sample surveys, interviews, focus groups, reviews"),
    ];

    /// <summary>Methods that enumerate every place in the areas they cover.</summary>
    static readonly string[] CompleteMethods = ["census", "administrative-records", "remote-sensing", "gps-mapping"];

    /// <summary>The completeness a record gets when it does not say: complete only when every method enumerates everything.</summary>
    public static string DefaultCompleteness(IReadOnlyCollection<string>? methods) =>
        methods is { Count: > 0 } && methods.All(CompleteMethods.Contains) ? "complete" : "sample";

    /// <summary>The same rule in SQL, over a text[] column of method codes (migrations, bulk loads).</summary>
    public static string DefaultCompletenessSql(string methods) =>
        $"CASE WHEN cardinality({methods}) > 0 AND {methods} <@ ARRAY[{string.Join(", ", CompleteMethods.Select(m => $"'{m}'"))}]::text[] " +
        "THEN 'complete' ELSE 'sample' END";

    public static readonly IReadOnlyList<Term> Availability =
    [
        new("public", "Public"),
        new("members", "Members of the network only"),
        new("on-request", "On request from the holder"),
        new("not-available", "Not available (confidential)", "The record says the data exists without revealing it"),
    ];

    public static readonly IReadOnlyList<Term> UpdateFrequencies =
    [
        new("one-off", "One-off"), new("continuous", "Continuous"), new("monthly", "Monthly"),
        new("quarterly", "Quarterly"), new("annual", "Annual"), new("irregular", "Irregular"), new("unknown", "Unknown"),
    ];

    public static readonly IReadOnlyList<Term> AssessmentStatuses =
    [
        new("planned", "Planned"), new("ongoing", "Ongoing"), new("completed", "Completed"),
    ];

    public static readonly IReadOnlyList<Term> CurationStates =
    [
        new("draft", "Draft"), new("submitted", "Submitted for review"), new("published", "Published"),
    ];

    /// <summary>Who may see a record in the catalogue (set by the curator with the holder).</summary>
    public static readonly IReadOnlyList<Term> Visibilities =
    [
        new("public", "Anyone"), new("network", "Signed-in network members"), new("private", "The holder and MIMU curators"),
    ];

    public static readonly IReadOnlyList<Term> OrganisationTypes =
    [
        new("un-agency", "UN agency"), new("ingo", "International NGO"), new("national-ngo", "National NGO"),
        new("government", "Government"), new("academic", "Academic / research"), new("donor", "Donor"), new("other", "Other"),
    ];

    /// <summary>SQL: the rank of the disaggregation level code held in <paramref name="column"/>, as a CASE written from <see cref="Levels"/>.</summary>
    public static string LevelRankSql(string column) =>
        $"CASE {column} {string.Join(" ", Levels.Select(l => $"WHEN '{l.Term.Code}' THEN {l.Rank}"))} END";

    public static short LevelRank(string code) => Levels.First(l => l.Term.Code == code).Rank;

    public static bool Contains(IReadOnlyList<Term> vocabulary, string? code) => vocabulary.Any(t => t.Code == code);

    /// <summary>
    /// The code a person probably meant by <paramref name="value"/>: the code written another way ("Food security"), the
    /// term whose label or description names it ("health" → services), or the code a couple of typos away; else null.
    /// </summary>
    public static string? Suggest(IReadOnlyList<Term> vocabulary, string value)
    {
        var written = Normalise(value);
        if (written.Length == 0) return null;
        var same = vocabulary.FirstOrDefault(t => t.Code == written || Normalise(LabelWithoutNumber(t.Label)) == written);
        if (same is not null) return same.Code;
        var words = value.Trim().ToLowerInvariant();
        var named = vocabulary.FirstOrDefault(t => Words($"{t.Label} {t.Description}").Contains(words));
        if (named is not null) return named.Code;
        var (closest, distance) = vocabulary.Select(t => (t.Code, Distance(t.Code, written))).MinBy(c => c.Item2);
        return distance <= Math.Max(2, written.Length / 3) ? closest : null;
    }

    static string Normalise(string value) =>
        string.Join('-', value.Trim().ToLowerInvariant().Replace('&', ' ').Split([' ', '_', '-', '/'], StringSplitOptions.RemoveEmptyEntries));

    static string LabelWithoutNumber(string label) => label.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ' ');

    static HashSet<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '/', '(', ')', ';', '&'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();

    /// <summary>Levenshtein distance.</summary>
    static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
