using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SeGeoCatalogue.Tests.Infrastructure;

/// <summary>
/// Redocly's linter (npm @redocly/cli, from package.json; scripts/test.sh installs it with npm ci) over an OpenAPI document,
/// with the repository's redocly.yaml (the recommended ruleset).
/// </summary>
public static class Redocly
{
    public static async Task<JsonNode> LintAsync(string documentJson)
    {
        var root = BoundaryData.RepoRoot;
        var tool = Path.Combine(root, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(tool), $"{tool} is missing: run npm ci at the top of the checkout (scripts/test.sh does).");
        var file = Path.Combine(Path.GetTempPath(), $"segeo-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, documentJson);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
            foreach (var arg in new[] { "lint", file, "--format=json", "--max-problems=100000" }) start.ArgumentList.Add(arg);
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var text = await output;
            Assert.True(text.TrimStart().StartsWith('{'), $"redocly printed no JSON report (exit {process.ExitCode}):\n{text}\n{await errors}");
            return JsonNode.Parse(text)!;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
