using System.Diagnostics;

namespace SeGeoCatalogue.Tests.Infrastructure;

/// <summary>
/// GDAL's own command-line tools (Debian's gdal-bin and python3-gdal, installed by scripts/test.sh): downloads are
/// read back by a client nobody here wrote. A missing tool fails the test, saying how to install it.
/// </summary>
public static class Gdal
{
    /// <summary>Runs a GDAL tool and returns its standard output; a non-zero exit fails with what it printed.</summary>
    public static async Task<string> RunAsync(string tool, params string[] args)
    {
        var (exit, output, errors) = await TryRunAsync(tool, args);
        Assert.True(exit == 0, $"{tool} {string.Join(' ', args)} exited {exit}:\n{output}\n{errors}");
        return output;
    }

    public static async Task<(int Exit, string Output, string Errors)> TryRunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is missing: install gdal-bin and python3-gdal (scripts/test.sh does this with apt).", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await errors);
        }
    }

    /// <summary>GDAL's GeoPackage validator (OGC 12-128r18 requirements), run with Debian's python3 that has the GDAL bindings.</summary>
    public static Task<(int Exit, string Output, string Errors)> ValidateGeoPackageAsync(string path) =>
        TryRunAsync("/usr/bin/python3", "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py", path);
}
