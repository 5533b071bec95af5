using System.Text.RegularExpressions;
using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Datasets;

/// <summary>
/// A record's licence (optional): an SPDX licence id such as CC-BY-4.0, or the web address of the licence text.
/// Harvesters get it as an IRI (DCAT dct:license, schema.org license, CKAN license_id / license_url).
/// </summary>
public static partial class Licences
{
    public const int MaxLength = 500;

    /// <summary>The ids the edit form suggests (any id of the same form is accepted).</summary>
    public static readonly IReadOnlyList<string> Suggested =
        ["CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC0-1.0", "ODbL-1.0", "ODC-By-1.0", "PDDL-1.0"];

    /// <summary>Adds an error when <paramref name="value"/> is neither an SPDX-like id nor an http(s) address.</summary>
    public static void Check(string? value, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        var text = value.Trim();
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
                errors.Add("license", $"'{text}' is not a web address; write it in full, e.g. https://creativecommons.org/licenses/by/4.0/.");
        }
        else if (!SpdxId().IsMatch(text))
            errors.Add("license", $"'{text}' is neither an SPDX licence id (e.g. {string.Join(", ", Suggested.Take(4))}) nor the web address of the licence (https://…).");
    }

    /// <summary>The licence as an IRI: a web address as given, an SPDX id as its spdx.org page.</summary>
    public static string Iri(string license) =>
        license.Contains("://", StringComparison.Ordinal) ? license : $"https://spdx.org/licenses/{license}.html";

    /// <summary>SPDX ids: letters, digits, '.', '-', '+' (CC-BY-4.0, GPL-3.0+), at most 64 characters.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$")]
    private static partial Regex SpdxId();
}
