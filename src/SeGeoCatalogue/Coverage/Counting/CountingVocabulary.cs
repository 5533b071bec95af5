using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Coverage.Counting;

/// <summary>A controlled vocabulary as bit positions, so "any of these sectors" is one AND of two words.</summary>
public sealed class CountingVocabulary(IReadOnlyList<Term> terms)
{
    public static readonly CountingVocabulary Sectors = new(Vocabularies.Sectors);
    public static readonly CountingVocabulary Methods = new(Vocabularies.Methods);

    readonly Dictionary<string, int> _bit = terms.Take(64).Select((t, i) => (t.Code, i)).ToDictionary(x => x.Code, x => x.i);

    public IReadOnlyList<Term> Terms => terms;

    /// <summary>The codes as bits; codes outside the vocabulary match no filter value (as in SQL, where filters take known codes only).</summary>
    public ulong Bits(IEnumerable<string> codes)
    {
        ulong bits = 0;
        foreach (var c in codes)
            if (_bit.TryGetValue(c, out var b)) bits |= 1UL << b;
        return bits;
    }

    public int BitOf(string code) => _bit[code];
}
