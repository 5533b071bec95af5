using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Data;

/// <summary>Table and column mapping of the catalogue records (snake_case, as the SQL elsewhere reads them).</summary>
public static class CatalogueModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<Organisation>(e =>
        {
            e.ToTable("organisations");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Name).HasColumnName("name");
            e.Property(x => x.Acronym).HasColumnName("acronym");
            e.Property(x => x.Type).HasColumnName("type");
            e.Property(x => x.Active).HasColumnName("active");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.HasIndex(x => x.Name).IsUnique();
        });

        model.Entity<Dataset>(e =>
        {
            e.ToTable("datasets");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Title).HasColumnName("title");
            e.Property(x => x.Summary).HasColumnName("summary");
            e.Property(x => x.HolderId).HasColumnName("holder_id");
            e.HasOne(x => x.Holder).WithMany().HasForeignKey(x => x.HolderId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Contact).HasColumnName("contact");
            e.Property(x => x.Source).HasColumnName("source");
            e.Property(x => x.License).HasColumnName("license");
            e.Property(x => x.Sectors).HasColumnName("sectors");
            e.Property(x => x.Indicators).HasColumnName("indicators");
            e.Property(x => x.DisaggregationLevel).HasColumnName("disaggregation_level");
            e.Property(x => x.Methods).HasColumnName("methods");
            e.Property(x => x.SpatialCompleteness).HasColumnName("spatial_completeness").HasDefaultValue("sample");
            e.Property(x => x.PeriodStart).HasColumnName("period_start");
            e.Property(x => x.PeriodEnd).HasColumnName("period_end");
            e.Property(x => x.CollectedOn).HasColumnName("collected_on");
            e.Property(x => x.UpdateFrequency).HasColumnName("update_frequency");
            e.Property(x => x.Availability).HasColumnName("availability");
            e.Property(x => x.Formats).HasColumnName("formats");
            e.Property(x => x.Links).HasColumnName("links").HasColumnType("jsonb");
            e.Property(x => x.AssessmentStatus).HasColumnName("assessment_status");
            e.Property(x => x.CurationState).HasColumnName("curation_state");
            e.Property(x => x.Visibility).HasColumnName("visibility");
            e.Property(x => x.Footprint).HasColumnName("footprint").HasColumnType("geometry(MultiPolygon,4326)");
            e.Property(x => x.FootprintSensitive).HasColumnName("footprint_sensitive");
            e.Property(x => x.Geometry).HasColumnName("geometry").HasColumnType("geometry(MultiPolygon,4326)");
            e.Property(x => x.GeometryCoarse).HasColumnName("geometry_coarse").HasColumnType("geometry(MultiPolygon,4326)");
            e.Property(x => x.FootprintThreshold).HasColumnName("footprint_threshold");
            e.Property(x => x.IsDemo).HasColumnName("is_demo");
            e.Property(x => x.CreatedBy).HasColumnName("created_by");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.UpdatedBy).HasColumnName("updated_by");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            e.Property(x => x.DeletedAt).HasColumnName("deleted_at");
            e.Property(x => x.Version).HasColumnName("row_version").HasDefaultValue(1L).IsConcurrencyToken().ValueGeneratedOnAddOrUpdate();
            e.HasIndex(x => x.Footprint).HasMethod("gist");
            e.HasIndex(x => x.Sectors).HasMethod("gin");
            e.HasIndex(x => x.Indicators).HasMethod("gin");
            e.HasIndex(x => x.Methods).HasMethod("gin");
            e.HasIndex(x => x.HolderId);
            e.HasIndex(x => new { x.CurationState, x.Visibility });
        });

        model.Entity<DatasetLink>(e =>
        {
            e.ToTable("dataset_links");
            e.HasKey(x => new { x.DatasetId, x.Pcode, x.Origin });
            e.Property(x => x.DatasetId).HasColumnName("dataset_id");
            e.Property(x => x.Pcode).HasColumnName("pcode");
            e.Property(x => x.Origin).HasColumnName("origin");
            e.Property(x => x.Share).HasColumnName("share");
            e.Property(x => x.EditionId).HasColumnName("edition_id");
            e.Property(x => x.NeedsReview).HasColumnName("needs_review").HasDefaultValue(false);
            e.Property(x => x.Successors).HasColumnName("successors");
            e.HasOne<Dataset>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Boundaries.AdminUnit>().WithMany().HasForeignKey(x => x.Pcode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Boundaries.BoundaryEdition>().WithMany().HasForeignKey(x => x.EditionId);
            e.HasIndex(x => x.Pcode);
        });

        model.Entity<DatasetUnit>(e =>
        {
            e.ToTable("dataset_units");
            e.HasKey(x => new { x.DatasetId, x.Pcode });
            e.Property(x => x.DatasetId).HasColumnName("dataset_id");
            e.Property(x => x.Pcode).HasColumnName("pcode");
            e.Property(x => x.Level).HasColumnName("level");
            e.Property(x => x.Resolution).HasColumnName("resolution");
            e.Property(x => x.DownResolution).HasColumnName("down_resolution").HasDefaultValue((short)0);
            e.HasOne<Dataset>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Boundaries.AdminUnit>().WithMany().HasForeignKey(x => x.Pcode).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.Pcode, x.DatasetId });
            // Coverage reads a selection of records' rows by dataset_id: an index-only scan with these columns included.
            e.HasIndex(x => x.DatasetId).IncludeProperties(x => new { x.Level, x.Resolution, x.DownResolution, x.Pcode }).HasDatabaseName("IX_dataset_units_coverage");
        });

        model.Entity<DatasetSplitUnit>(e =>
        {
            e.ToTable("dataset_split_units");
            e.HasKey(x => new { x.DatasetId, x.Pcode });
            e.Property(x => x.DatasetId).HasColumnName("dataset_id");
            e.Property(x => x.Pcode).HasColumnName("pcode");
            e.Property(x => x.Level).HasColumnName("level");
            e.Property(x => x.Resolution).HasColumnName("resolution");
            e.HasOne<Dataset>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Boundaries.AdminUnit>().WithMany().HasForeignKey(x => x.Pcode).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.Pcode, x.DatasetId });
        });

        model.Entity<DatasetChange>(e =>
        {
            e.ToTable("dataset_changes");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.DatasetId).HasColumnName("dataset_id");
            e.Property(x => x.ChangedAt).HasColumnName("changed_at");
            e.Property(x => x.ChangedBy).HasColumnName("changed_by");
            e.Property(x => x.Action).HasColumnName("action");
            e.Property(x => x.Changes).HasColumnName("changes").HasColumnType("jsonb");
            e.Property(x => x.Comment).HasColumnName("comment");
            e.HasOne<Dataset>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.DatasetId, x.ChangedAt });
        });

        model.Entity<IdempotencyKey>(e =>
        {
            e.ToTable("idempotency_keys");
            e.HasKey(x => new { x.UserId, x.Key });
            e.Property(x => x.UserId).HasColumnName("user_id");
            e.Property(x => x.Key).HasColumnName("key");
            e.Property(x => x.RequestHash).HasColumnName("request_hash");
            e.Property(x => x.DatasetId).HasColumnName("dataset_id");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.HasOne<Dataset>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
