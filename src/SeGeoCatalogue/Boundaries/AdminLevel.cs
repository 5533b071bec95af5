namespace SeGeoCatalogue.Boundaries;

/// <summary>MIMU admin levels, coarse to fine; the number is the rank used for "this level or finer".</summary>
public enum AdminLevel : short
{
    State = 1,
    District = 2,
    Township = 3,
    VillageTract = 4,
    Ward = 5,
}

public static class AdminLevels
{
    public static readonly IReadOnlyList<AdminLevel> All = Enum.GetValues<AdminLevel>();

    public static string ApiName(this AdminLevel level) => level switch
    {
        AdminLevel.State => "state",
        AdminLevel.District => "district",
        AdminLevel.Township => "township",
        AdminLevel.VillageTract => "village-tract",
        AdminLevel.Ward => "ward",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static bool TryParse(string? text, out AdminLevel level)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ApiName(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }
        level = default;
        return false;
    }

    /// <summary>SQL: the API name of the admin level held in <paramref name="column"/>, as a CASE written from this enum.</summary>
    public static string SqlName(string column) =>
        $"CASE {column} {string.Join(" ", All.Select(l => $"WHEN {(short)l} THEN '{l.ApiName()}'"))} END";

    public static string Choices => string.Join(", ", All.Select(l => l.ApiName()));
}
