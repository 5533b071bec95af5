using SeGeoCatalogue.ApiDocs;

namespace SeGeoCatalogue.Datasets;

public sealed partial record DatasetFilter
{
    const string Many = " Several values: repeat the parameter or separate them with commas; a record matching any of them counts.";

    static readonly Dictionary<string, QueryParameter> Documented = new QueryParameter[]
    {
        new("q", "Full-text search over title, summary, keywords and indicators.", () => Schemas.Text()),
        new("id", $"Only these records (id=12 or id=12,15; at most {MaxIds} at once).", () => Schemas.CommaSeparated(@"^\d+(,\d+)*$")),
        new("sector", "Sector codes (GET /api/vocabularies)." + Many, () => Schemas.OneOf(Vocabularies.Sectors.Select(t => t.Code)), Repeatable: true),
        new("indicator", "Indicator names." + Many, () => Schemas.Text(), Repeatable: true),
        new("holder", "Holding organisations' ids (GET /api/organisations)." + Many, () => Schemas.WholeNumber(1), Repeatable: true),
        new("level", "Disaggregation levels." + Many, () => Schemas.OneOf(Vocabularies.Levels.Select(l => l.Term.Code)), Repeatable: true),
        new("method", "Collection methods." + Many, () => Schemas.OneOf(Vocabularies.Methods.Select(t => t.Code)), Repeatable: true),
        new("availability", "Availability (may it be shared)." + Many, () => Schemas.OneOf(Vocabularies.Availability.Select(t => t.Code)), Repeatable: true),
        new("status", "Assessment status." + Many, () => Schemas.OneOf(Vocabularies.AssessmentStatuses.Select(t => t.Code)), Repeatable: true),
        new("pcode", "Records covering this MIMU unit (state, district, township or village tract) or units in or around it.",
            () => Schemas.Text(pattern: PcodeRegex)),
        new("level_min", "Only data at this resolution or finer.", () => Schemas.OneOf(Vocabularies.Levels.Select(l => l.Term.Code))),
        new("from", "Records whose period ends on or after this day (YYYY-MM-DD).", () => Schemas.Date()),
        new("to", "Records whose period starts on or before this day (YYYY-MM-DD); not before from.", () => Schemas.Date()),
        new("bbox", "minLon,minLat,maxLon,maxLat in degrees (6 numbers with heights accepted); records whose area meets it.",
            () => Schemas.CommaSeparated(@"^\s*-?\d+(\.\d+)?(\s*,\s*-?\d+(\.\d+)?){3}((\s*,\s*-?\d+(\.\d+)?){2})?\s*$")),
        new("fresh", "fresh=only keeps records whose data is fresh or due for its update (HDX thresholds).", () => Schemas.OneOf(["only"])),
    }.ToDictionary(p => p.Name);

    /// <summary>The OpenAPI description of every field <see cref="FromQuery"/> reads, in <see cref="QueryFields"/> order.</summary>
    public static IEnumerable<QueryParameter> Parameters(params string[] except) =>
        QueryFields.Except(except).Select(f => Documented[f]);
}
