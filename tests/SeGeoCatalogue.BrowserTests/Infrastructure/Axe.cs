using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SeGeoCatalogue.BrowserTests.Infrastructure;

/// <summary>axe-core (Deque's engine, from NuGet) over the page as it is drawn now.</summary>
public static class Axe
{
    /// <summary>Fails with each serious or critical violation, its rule and up to four of its elements.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id} ({v.Help}): " + string.Join(" | ", v.Nodes.Take(4).Select(n => $"{n.Target} {n.Html[..Math.Min(160, n.Html.Length)]}")))));
        Assert.True(result.Passes.Length > 10, "axe ran no checks");
    }
}
