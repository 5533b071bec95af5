using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Datasets;

/// <summary>
/// The largest record the catalogue accepts, field by field (the OpenAPI document states them from the same
/// constants), and the check that runs before anything of a body reaches PostgreSQL.
/// </summary>
public static class DatasetLimits
{
    public const int Title = 300;
    /// <summary>Well under PostgreSQL's 1 MB tsvector, whatever the language.</summary>
    public const int Summary = 10_000;
    public const int Contact = 300;
    public const int Source = 500;
    public const int Codes = 20;
    public const int Indicators = 50;
    public const int Indicator = 200;
    public const int Formats = 20;
    public const int Format = 40;
    public const int Links = 20;
    public const int Url = 2_000;
    public const int LinkTitle = 300;
    /// <summary>Every state, township, village tract and ward of the wider SE fits.</summary>
    public const int Pcodes = 5_000;
    public const int Pcode = 20;

    /// <summary>Adds an error per oversized text or list, null list item or control character.</summary>
    public static void Check(DatasetInput input, FieldErrors errors)
    {
        Text(errors, "title", input.Title, Title);
        Text(errors, "summary", input.Summary, Summary, multiline: true);
        Text(errors, "contact", input.Contact, Contact);
        Text(errors, "source", input.Source, Source);
        Text(errors, "license", input.License, Licences.MaxLength);
        List(errors, "sectors", input.Sectors, Codes, Format);
        List(errors, "methods", input.Methods, Codes, Format);
        List(errors, "indicators", input.Indicators, Indicators, Indicator);
        List(errors, "formats", input.Formats, Formats, Format);
        List(errors, "area.pcodes", input.Area?.Pcodes, Pcodes, Pcode);
        foreach (var (field, code) in new[] { ("disaggregation_level", input.DisaggregationLevel), ("update_frequency", input.UpdateFrequency),
                     ("availability", input.Availability), ("assessment_status", input.AssessmentStatus), ("visibility", input.Visibility) })
            Text(errors, field, code, Format);

        if (input.Links is not { } links) return;
        if (links.Count > Links) errors.Add("links", $"{links.Count:N0} links is more than the {Links} allowed; keep the main ones.");
        else
            for (var i = 0; i < links.Count; i++)
            {
                if (links[i] is not { } link) errors.Add($"links[{i}]", "A link is null; remove it or give {\"url\": \"https://…\", \"title\": \"…\"}.");
                else
                {
                    Text(errors, $"links[{i}].url", link.Url, Url);
                    Text(errors, $"links[{i}].title", link.Title, LinkTitle);
                }
            }
    }

    static void Text(FieldErrors errors, string field, string? value, int max, bool multiline = false)
    {
        if (value is null) return;
        if (value.Length > max) errors.Add(field, $"{value.Length:N0} characters is more than the {max:N0} allowed; shorten it.");
        else if (TextRules.Problem(value, multiline) is { } problem) errors.Add(field, $"The text {problem}");
    }

    static void List(FieldErrors errors, string field, List<string>? values, int maxItems, int maxLength)
    {
        if (values is null) return;
        if (values.Count > maxItems)
        {
            errors.Add(field, $"{values.Count:N0} entries is more than the {maxItems:N0} allowed.");
            return;
        }
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null) errors.Add($"{field}[{i}]", "An entry is null; remove it or give text.");
            else Text(errors, $"{field}[{i}]", values[i], maxLength);
        }
    }
}
