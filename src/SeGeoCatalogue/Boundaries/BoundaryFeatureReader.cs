using System.Text.Json;

namespace SeGeoCatalogue.Boundaries;

/// <summary>One feature of a boundary file, checked and ready for staging.</summary>
public sealed record StagedUnit(
    int Number,
    int Line,
    string Pcode,
    string? UnitType,
    string? ParentPcode,
    string StatePcode,
    string? DistrictPcode,
    string? TownshipPcode,
    string? NameEn,
    string? NameMy,
    string? StateNameEn,
    string? StateNameMy,
    string? DistrictNameEn,
    string? DistrictNameMy,
    string GeometryJson);

/// <summary>Reads a boundary GeoJSON file into staged units, collecting every problem with its line and pcode.</summary>
public static class BoundaryFeatureReader
{
    public static (List<StagedUnit> Units, List<string> Problems) Read(BoundaryLayer layer, byte[] file)
    {
        var units = new List<StagedUnit>();
        var problems = new List<string>();
        var seen = new Dictionary<string, string>();
        var number = 0;
        var lineStarts = LineStarts(file);

        var reader = new Utf8JsonReader(file, new JsonReaderOptions { AllowTrailingCommas = true });
        try
        {
            if (!SeekFeatures(ref reader))
            {
                problems.Add($"{layer.FileName}: not a GeoJSON FeatureCollection (no \"features\" array).");
                return (units, problems);
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                var line = LineOf(lineStarts, reader.TokenStartIndex);
                var place = Place(++number, line);
                using var feature = JsonDocument.ParseValue(ref reader);
                var unit = ReadFeature(layer, feature.RootElement, number, line, problems);
                if (unit is null) continue;
                if (seen.TryGetValue(unit.Pcode, out var first))
                {
                    problems.Add($"{place}: pcode {unit.Pcode} appears twice (first as {first}).");
                    continue;
                }
                seen[unit.Pcode] = place;
                units.Add(unit);
            }
        }
        catch (JsonException e)
        {
            problems.Add($"{layer.FileName}: not valid JSON near line {e.LineNumber + 1}: {e.Message}");
        }
        return (units, problems);
    }

    /// <summary>Files may hold one feature per line or all on one line: the feature number always helps.</summary>
    static string Place(int number, int line) => $"feature {number} (line {line})";

    static StagedUnit? ReadFeature(BoundaryLayer layer, JsonElement feature, int number, int line, List<string> problems)
    {
        var place = Place(number, line);
        var props = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        string? Prop(string name) =>
            props.ValueKind == JsonValueKind.Object && props.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()!.Trim() is { Length: > 0 } s ? s : null
                : null;

        var pcode = Prop(layer.PcodeField);
        var parent = Prop(layer.ParentField);
        var state = Prop("st_pcode");
        var where = pcode is null ? place : $"{place}, pcode {pcode}";
        var before = problems.Count;

        if (pcode is null) problems.Add($"{place}: the feature has no {layer.PcodeField}.");
        if (state is null) problems.Add($"{where}: st_pcode is missing.");
        if (parent is null) problems.Add($"{where}: {layer.ParentField} is missing.");
        else if (layer.Level != AdminLevel.Township && pcode is not null && !pcode.StartsWith(parent, StringComparison.Ordinal))
            problems.Add($"{where}: the pcode does not start with its {layer.ParentField} {parent}.");
        if (layer.Level == AdminLevel.Township && pcode is not null && state is not null && !pcode.StartsWith(state, StringComparison.Ordinal))
            problems.Add($"{where}: the pcode does not start with its st_pcode {state}.");

        var hasGeometry = feature.TryGetProperty("geometry", out var geometry) && geometry.ValueKind == JsonValueKind.Object;
        var type = hasGeometry && geometry.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type is not ("Polygon" or "MultiPolygon"))
            problems.Add($"{where}: the geometry is {(type ?? "missing")}; a Polygon or MultiPolygon is needed.");

        if (problems.Count > before) return null;

        var township = layer.Level == AdminLevel.Township ? pcode : Prop("ts_pcode");
        return new StagedUnit(
            number, line, pcode!, Prop("unit_type"), parent, state!, Prop("dt_pcode"), township,
            Prop(layer.NameEnField), Prop(layer.NameMyField),
            Prop("st_name_en"), Prop("st_name_my"), Prop("dt_name_en"), Prop("dt_name_my"),
            geometry.GetRawText());
    }

    static bool SeekFeatures(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("features"))
                return reader.Read() && reader.TokenType == JsonTokenType.StartArray;
            if (reader.CurrentDepth == 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                reader.Skip();
        }
        return false;
    }

    static List<long> LineStarts(byte[] file)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < file.Length; i++)
            if (file[i] == (byte)'\n') starts.Add(i + 1);
        return starts;
    }

    static int LineOf(List<long> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
