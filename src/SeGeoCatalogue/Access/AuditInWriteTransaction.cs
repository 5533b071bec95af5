using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace SeGeoCatalogue.Access;

/// <summary>
/// Writes the audit line of a write request inside the first transaction the request commits through the DbContext,
/// just before the commit: the record and its audit line are stored together or not at all (a crash after the commit
/// still leaves the line, with status "committed", and the line names the transaction, so it can be matched with the
/// rows it wrote). <see cref="AuditMiddleware"/> then fills in the final status.
/// </summary>
public sealed class AuditInWriteTransaction(IHttpContextAccessor accessor, IViewerAccessor viewers, TimeProvider clock) : DbTransactionInterceptor
{
    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (accessor.HttpContext is { } http && http.Features.Get<AuditNote>() is { LineId: null } note
            && transaction is NpgsqlTransaction { Connection: { } connection } npgsql)
        {
            note.Detail["status"] = "committed";
            await using var cmd = new NpgsqlCommand(AuditLine.InsertInTransactionSql, connection, npgsql);
            AuditLine.AddParameters(cmd, http, note, viewers.Current(http), clock.GetUtcNow());
            note.LineId = (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
        }
        return result;
    }
}
