namespace SeGeoCatalogue.Shared;

/// <summary>What any text a client sends may contain: no control characters (NUL breaks PostgreSQL), whole UTF-16.</summary>
public static class TextRules
{
    /// <summary>Why <paramref name="text"/> is refused, or null. Line breaks and tabs pass only when <paramref name="multiline"/>.</summary>
    public static string? Problem(string text, bool multiline = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (multiline && c is '\n' or '\r' or '\t') continue;
            if (char.IsControl(c))
                return $"contains the control character U+{(int)c:X4} at position {i + 1}; remove it" +
                       (multiline ? "." : " (line breaks and tabs are not allowed here either).");
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c))
                return $"contains a broken character (a lone UTF-16 surrogate) at position {i + 1}; send valid UTF-8 text.";
        }
        return null;
    }
}
