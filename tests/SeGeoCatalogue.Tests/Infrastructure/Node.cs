using System.Diagnostics;

namespace SeGeoCatalogue.Tests.Infrastructure;

/// <summary>
/// Runs a Node.js script kept in the tests' sources, where it resolves the npm packages of the repository's
/// package.json (scripts/test.sh runs npm ci). A missing node or package fails the test, saying what to run.
/// </summary>
public static class Node
{
    public static async Task<string> RunAsync(string script, params string[] args)
    {
        var path = Path.Combine(BoundaryData.RepoRoot, "tests", "SeGeoCatalogue.Tests", script);
        Assert.True(Directory.Exists(Path.Combine(BoundaryData.RepoRoot, "node_modules")), "node_modules is missing: run npm ci (scripts/test.sh does).");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(path);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node is missing: install nodejs (scripts/web-assets.sh does with apt).");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"node {script} exited {process.ExitCode}:\n{await output}\n{await errors}");
        return await output;
    }
}
