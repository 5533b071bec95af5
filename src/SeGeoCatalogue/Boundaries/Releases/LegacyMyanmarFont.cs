using System.Text.RegularExpressions;

namespace SeGeoCatalogue.Boundaries.Releases;

/// <summary>
/// Recognises Myanmar names written in a legacy font encoding rather than Unicode, so they are reported and never
/// stored as if they were Unicode: Zawgyi (Myanmar code points in visual order, and the code points it reuses for
/// stacked letters) and the Latin-letter fonts such as Win Innwa (no Myanmar code point at all).
/// </summary>
public static partial class LegacyMyanmarFont
{
    /// <summary>"Zawgyi", "Win Innwa or another Latin-letter font", or null when the text reads as Unicode Myanmar.</summary>
    public static string? Detect(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!MyanmarLetter().IsMatch(text)) return LatinLetter().IsMatch(text) ? "Win Innwa or another Latin-letter font" : null;
        return ZawgyiOrder().IsMatch(text) || ZawgyiStacks().IsMatch(text) ? "Zawgyi" : null;
    }

    [GeneratedRegex(@"[\u1000-\u109F]")]
    private static partial Regex MyanmarLetter();

    [GeneratedRegex(@"[A-Za-z]")]
    private static partial Regex LatinLetter();

    /// <summary>The vowel sign E (U+1031) typed before its consonant, at the start of a word: Unicode stores it after.</summary>
    [GeneratedRegex(@"(^|[\s\p{P}])\u1031")]
    private static partial Regex ZawgyiOrder();

    /// <summary>Zawgyi's stacked and medial glyphs at U+1060–U+1097, which Unicode gives to Mon, Karen and Shan letters.</summary>
    [GeneratedRegex(@"[\u1060-\u1097]")]
    private static partial Regex ZawgyiStacks();
}
