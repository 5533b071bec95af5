using System.Runtime.CompilerServices;
using Npgsql;

namespace SeGeoCatalogue.Shared;

/// <summary>
/// The one place a database connection outlives a handler: a query whose rows are written into the response.
/// The handler only fills <see cref="Command"/> (parameters and SQL, no connection). A connection is taken from the
/// pool when the response starts reading rows, and the reader, command and connection are disposed when reading
/// ends — finished, failed or cancelled. Everything else uses <c>await using</c> in the handler.
/// </summary>
public sealed class StreamedQuery(NpgsqlDataSource db)
{
    /// <summary>The parameters and, once set, the SELECT whose rows are streamed. Never give it a connection.</summary>
    public NpgsqlCommand Command { get; } = new();

    /// <summary>Runs <paramref name="sql"/> with the command's parameters now, on a connection returned before this returns.</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Command.Clone();
        cmd.Connection = conn;
        cmd.CommandText = sql;
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    /// <summary>The rows' first column as text (a Feature each): nothing is opened until the first row is asked for.</summary>
    public async IAsyncEnumerable<string> TextRowsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Command.Clone();
        cmd.Connection = conn;
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct)) yield return rows.GetString(0);
    }

    /// <summary>Hands the open reader to <paramref name="consume"/> and disposes everything when it returns or throws.</summary>
    public async Task ReadAsync(Func<NpgsqlDataReader, Task> consume, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Command.Clone();
        cmd.Connection = conn;
        await using var rows = await cmd.ExecuteReaderAsync(ct);
        await consume(rows);
    }
}
