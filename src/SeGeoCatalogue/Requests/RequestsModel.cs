using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Requests;

/// <summary>Tables of the request workflow: data_requests, data_request_steps and mail_outbox (snake_case columns).</summary>
public static class RequestsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<DataRequest>(e =>
        {
            e.ToTable("data_requests");
            e.Property(x => x.Version).IsRowVersion();
            e.HasOne<Dataset>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.HolderId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CatalogueUser>().WithMany().HasForeignKey(x => x.RequesterId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.HolderId, x.CreatedAt });
            e.HasIndex(x => new { x.RequesterId, x.CreatedAt });
            e.HasIndex(x => x.DatasetId);
        });

        model.Entity<DataRequestStep>(e =>
        {
            e.ToTable("data_request_steps");
            e.HasOne<DataRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.RequestId, x.At });
        });

        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable("mail_outbox");
            e.HasOne<DataRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CatalogueUser>().WithMany().HasForeignKey(x => x.RecipientUserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.RecipientUserId, x.CreatedAt });
            // The sender's claim reads only the unsent rows.
            e.HasIndex(x => x.NextAttemptAt).HasFilter("sent_at IS NULL AND failed_at IS NULL").HasDatabaseName("IX_mail_outbox_due");
        });

        foreach (var entity in model.Model.GetEntityTypes().Where(t => t.ClrType.Namespace == typeof(RequestsModel).Namespace))
            foreach (var property in entity.GetProperties().Where(p => !p.IsShadowProperty() && p.Name != nameof(DataRequest.Version)))
                property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
    }
}
