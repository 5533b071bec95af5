using System.Text.RegularExpressions;
using SeGeoCatalogue.Tests.Infrastructure;

namespace SeGeoCatalogue.Tests.Web;

/// <summary>
/// Leaflet writes string content of tooltips, popups and controls with innerHTML, so the page scripts hand it DOM
/// nodes only: an <c>el(…)</c> call, or a value or function whose name ends in <c>Node</c>. Runs under dotnet test (CI).
/// </summary>
public sealed partial class LeafletContentCheckTests
{
    [GeneratedRegex(@"\.(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent|openTooltip|openPopup)\s*\(\s*(?<arg>[^\s)][^\n]*)?")]
    private static partial Regex ContentCall();

    [GeneratedRegex(@"^(el\(|[A-Za-z_$][\w$]*Node\b)")]
    private static partial Regex NodeArgument();

    [GeneratedRegex(@"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b")]
    private static partial Regex HtmlSink();

    /// <summary>Each place in <paramref name="script"/> that gives Leaflet content that is not a DOM node, or writes HTML.</summary>
    public static IEnumerable<string> Offences(string script)
    {
        foreach (var (line, number) in script.Split('\n').Select((l, i) => (l, i + 1)))
        {
            if (line.TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
            foreach (Match call in ContentCall().Matches(line))
                if (call.Groups["arg"].Success && !NodeArgument().IsMatch(call.Groups["arg"].Value))
                    yield return $"line {number}: {call.Value.Trim()}";
            if (HtmlSink().Match(line) is { Success: true } sink) yield return $"line {number}: {sink.Value}";
        }
    }

    [Theory]
    [InlineData("rect.bindTooltip(item.title)")]
    [InlineData("layer.bindPopup(`<b>${name}</b>`)")]
    [InlineData("tip.setContent('<img src=x>')")]
    [InlineData("map.openPopup(title, latlng)")]
    [InlineData("box.innerHTML = text")]
    public void The_check_catches_string_content(string script) => Assert.NotEmpty(Offences(script));

    [Theory]
    [InlineData("rect.bindTooltip(titleNode()).addTo(map)")]
    [InlineData("layer.bindTooltip(el('span', { text: title }))")]
    [InlineData("layer.openTooltip()")]
    public void The_check_lets_DOM_nodes_through(string script) => Assert.Empty(Offences(script));

    [Fact]
    public void No_page_script_gives_Leaflet_a_string_to_render_as_HTML()
    {
        var root = Path.Combine(BoundaryData.RepoRoot, "wwwroot");
        var lib = Path.Combine(root, "lib") + Path.DirectorySeparatorChar;
        var scripts = Directory.EnumerateFiles(root, "*.js", SearchOption.AllDirectories).Where(f => !f.StartsWith(lib, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(scripts);

        var offences = scripts.SelectMany(f => Offences(File.ReadAllText(f)).Select(o => $"{Path.GetRelativePath(root, f)} {o}")).ToList();

        Assert.True(offences.Count == 0, "Leaflet content must be a DOM node built with textContent (el(…) or a …Node value):\n" + string.Join("\n", offences));
    }
}
