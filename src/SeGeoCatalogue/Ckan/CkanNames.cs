using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SeGeoCatalogue.Ckan;

/// <summary>
/// CKAN's URL names (2–100 characters of a–z, 0–9, '-' and '_'): records are <c>title-slug-ID</c>, so the id can always be
/// read back; organisations the slug of their name (with <c>-ID</c> when two would meet or the name has no Latin letters).
/// </summary>
public static partial class CkanNames
{
    public static string Package(int id, string title)
    {
        var slug = Slug(title, 80);
        return $"{(slug.Length >= 2 ? slug : "dataset")}-{id.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The record id a package id or name stands for: "12" or "household-survey-12".</summary>
    public static int? PackageId(string? idOrName)
    {
        var text = idOrName?.Trim() ?? "";
        var match = TrailingId().Match(text);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>A name per organisation id, unique among them.</summary>
    public static Dictionary<int, string> Organisations(IEnumerable<(int Id, string Name)> organisations)
    {
        var list = organisations.OrderBy(o => o.Id).Select(o => (o.Id, Slug: Slug(o.Name, 90))).ToList();
        var shared = list.GroupBy(o => o.Slug).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return list.ToDictionary(o => o.Id, o => o.Slug.Length < 2 ? $"organization-{o.Id}" : shared.Contains(o.Slug) ? $"{o.Slug}-{o.Id}" : o.Slug);
    }

    static string Slug(string text, int max)
    {
        var ascii = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) ascii.Append(c);
        var slug = NotName().Replace(ascii.ToString().ToLowerInvariant(), "-").Trim('-');
        return slug.Length > max ? slug[..max].TrimEnd('-') : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotName();

    [GeneratedRegex(@"^(?:[a-z0-9_-]*-)?([0-9]{1,9})$")]
    private static partial Regex TrailingId();
}
