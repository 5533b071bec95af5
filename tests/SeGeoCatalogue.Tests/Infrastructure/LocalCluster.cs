using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SeGeoCatalogue.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL cluster of this machine's installation on a loopback port, in a temporary folder: made by
/// <c>initdb</c> (a primary) or by <c>pg_basebackup -R</c> from another (a hot standby). As root the clusters
/// belong to the 'postgres' system user, as in scripts/postgis.sh. Trust authentication: loopback only.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    static readonly bool AsRoot = Environment.UserName == "root";
    readonly string _dataDir;

    public int Port { get; }
    public string Server => $"127.0.0.1:{Port}";

    LocalCluster(string dataDir, int port) => (_dataDir, Port) = (dataDir, port);

    public static async Task<LocalCluster> PrimaryAsync(string folder)
    {
        var cluster = new LocalCluster(Path.Combine(folder, "primary"), FreePort());
        await RunAsync("initdb", "-D", cluster._dataDir, "-U", "segeo", "-A", "trust", "--encoding=UTF8", "--locale=C.UTF-8");
        await cluster.ConfigureAsync("wal_level = replica", "max_wal_senders = 5", "hot_standby = on");
        await cluster.StartAsync();
        return cluster;
    }

    public async Task<LocalCluster> StandbyAsync(string folder)
    {
        var standby = new LocalCluster(Path.Combine(folder, "standby"), FreePort());
        await RunAsync("pg_basebackup", "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", "segeo", "-D", standby._dataDir, "-R", "-X", "stream", "--checkpoint=fast");
        await standby.ConfigureAsync();
        await standby.StartAsync();
        return standby;
    }

    /// <summary>A copy of another server's database (pg_dump / pg_restore) as <paramref name="database"/> here.</summary>
    public async Task<string> CopyDatabaseAsync(string sourceConnectionString, string database, string folder)
    {
        var source = new Npgsql.NpgsqlConnectionStringBuilder(sourceConnectionString);
        var dump = Path.Combine(folder, $"{database}.dump");
        await RunAsync("pg_dump", "-Fc", "-f", dump,
            $"--dbname=host={source.Host} port={source.Port} user={source.Username} password={source.Password} dbname={source.Database}");
        await RunAsync("createdb", "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "segeo", database);
        await RunAsync("pg_restore", "--no-owner", "--dbname", $"host=127.0.0.1 port={Port} user=segeo dbname={database}", dump);
        return $"Host=127.0.0.1;Port={Port};Database={database};Username=segeo";
    }

    /// <summary>A folder the cluster owner can write, removed by <see cref="RemoveFolder"/>.</summary>
    public static async Task<string> NewFolderAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"segeo-clusters-{Environment.ProcessId}-{Guid.NewGuid().ToString()[..8]}");
        Directory.CreateDirectory(folder);
        if (AsRoot) await RunAsRootOrOwnerAsync(asOwner: false, "/bin/chown", ["postgres:", folder]);
        return folder;
    }

    public static void RemoveFolder(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* best effort */ }
        catch (UnauthorizedAccessException) { /* best effort */ }
    }

    /// <summary>Stops at once, as a crash or a pulled cable would.</summary>
    public Task StopAsync() => RunAsync("pg_ctl", "-D", _dataDir, "-m", "immediate", "-w", "stop");

    Task StartAsync() => RunAsync("pg_ctl", "-D", _dataDir, "-l", Path.Combine(_dataDir, "server.log"), "-w", "-t", "60", "start");

    Task ConfigureAsync(params string[] settings)
    {
        // The last line wins: a standby's copied configuration gets its own port here.
        string[] lines = [$"port = {Port}", "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''", "fsync = off", .. settings];
        return File.AppendAllLinesAsync(Path.Combine(_dataDir, "postgresql.conf"), lines); // root may write the owner's file
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(_dataDir, "postmaster.pid")))
            await RunAsync("pg_ctl", "-D", _dataDir, "-m", "immediate", "-w", "stop");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A PostgreSQL program, or an absolute path, run as the cluster owner; fails with its output.</summary>
    static Task RunAsync(string program, params string[] args) =>
        RunAsRootOrOwnerAsync(asOwner: true, program.StartsWith('/') ? program : Path.Combine(BinDir.Value, program), args);

    static async Task RunAsRootOrOwnerAsync(bool asOwner, string path, string[] args)
    {
        var start = AsRoot && asOwner ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", path, .. args]) : new ProcessStartInfo(path, args);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{path} {string.Join(' ', args)} failed ({process.ExitCode}): {await errors} {await output}");
    }

    /// <summary>The newest installed PostgreSQL's programs (scripts/test.sh installs PostgreSQL with apt).</summary>
    static readonly Lazy<string> BinDir = new(() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).OrderDescending().FirstOrDefault()
              ?? throw new InvalidOperationException("No PostgreSQL server programs under /usr/lib/postgresql/*/bin (scripts/postgis.sh installs them).")
            : throw new InvalidOperationException("No PostgreSQL server programs under /usr/lib/postgresql (scripts/postgis.sh installs them)."));
}
