namespace SeGeoCatalogue.Datasets;

/// <summary>
/// How fresh a record's data is: fresh, due, overdue or delinquent, from its expected update frequency and the age
/// of its data (days since the reference period ended; else since it was collected; else since the period began),
/// with the thresholds of HDX's data-freshness service. One-off, irregular and unknown frequencies (and none) are
/// judged by age alone: due after <see cref="MaxAgeDays"/>, overdue 60 and delinquent 90 days later. A record
/// without any date is "unknown". One table drives both the C# state and the SQL condition.
/// </summary>
public static class Freshness
{
    public static readonly string[] States = ["fresh", "due", "overdue", "delinquent", "unknown"];

    /// <summary>Days after the reference date at which data becomes due, overdue, delinquent (HDX).</summary>
    static readonly Dictionary<string, (int Due, int Overdue, int Delinquent)> ByFrequency = new()
    {
        ["continuous"] = (1, 2, 3),
        ["monthly"] = (30, 44, 60),
        ["quarterly"] = (90, 120, 150),
        ["annual"] = (365, 425, 455),
    };

    /// <summary>The age at which data without a regular frequency becomes due (setting Freshness:MaxAgeDays).</summary>
    public static int MaxAgeDays { get; set; } = 730;

    static (int Due, int Overdue, int Delinquent) Thresholds(string? frequency) =>
        frequency is not null && ByFrequency.TryGetValue(frequency, out var t) ? t : (MaxAgeDays, MaxAgeDays + 60, MaxAgeDays + 90);

    public static string State(Dataset d, DateOnly today)
    {
        if ((d.PeriodEnd ?? d.CollectedOn ?? d.PeriodStart) is not { } reference) return "unknown";
        var age = today.DayNumber - reference.DayNumber;
        var (due, overdue, delinquent) = Thresholds(d.UpdateFrequency);
        return age >= delinquent ? "delinquent" : age >= overdue ? "overdue" : age >= due ? "due" : "fresh";
    }

    /// <summary>
    /// SQL: the record <c>d</c>'s freshness on <paramref name="today"/> as a rank, 1 fresh … 4 delinquent, 5 unknown
    /// (the index of <see cref="States"/> plus one), from the same thresholds as <see cref="State"/>.
    /// </summary>
    public static string RankSql(string today)
    {
        var reference = "coalesce(d.period_end, d.collected_on, d.period_start)";
        var age = $"({today} - {reference})";
        string Threshold(Func<(int Due, int Overdue, int Delinquent), int> pick) =>
            $"CASE d.update_frequency {string.Join(" ", ByFrequency.Select(f => $"WHEN '{f.Key}' THEN {pick(f.Value)}"))} " +
            $"ELSE {pick((MaxAgeDays, MaxAgeDays + 60, MaxAgeDays + 90))} END";
        return $"(CASE WHEN {reference} IS NULL THEN 5 WHEN {age} >= {Threshold(t => t.Delinquent)} THEN 4 " +
               $"WHEN {age} >= {Threshold(t => t.Overdue)} THEN 3 WHEN {age} >= {Threshold(t => t.Due)} THEN 2 ELSE 1 END)::smallint";
    }

    /// <summary>The state of a rank from <see cref="RankSql"/>.</summary>
    public static string? StateOfRank(short? rank) => rank is >= 1 and <= 5 ? States[rank.Value - 1] : null;

    /// <summary>SQL: the record <c>d</c> is fresh or due on the date parameter <paramref name="today"/>.</summary>
    public static string FreshOrDueSql(string today)
    {
        var age = $"({today} - coalesce(d.period_end, d.collected_on, d.period_start))";
        var cases = string.Join(" ", ByFrequency.Select(f => $"WHEN '{f.Key}' THEN {f.Value.Overdue}"));
        return $"{age} < CASE d.update_frequency {cases} ELSE {MaxAgeDays + 60} END";
    }
}
