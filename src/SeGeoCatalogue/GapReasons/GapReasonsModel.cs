using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.GapReasons;

/// <summary>Table gap_marks (snake_case columns): one active mark per unit × sector.</summary>
public static class GapReasonsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<GapMark>(e =>
        {
            e.ToTable("gap_marks", t => t.HasCheckConstraint("ck_gap_marks_reason", "reason IN ('not-applicable', 'inaccessible')"));
            e.HasOne<AdminUnit>().WithMany().HasForeignKey(x => x.Pcode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CatalogueUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Comment).HasMaxLength(GapReasonCodes.MaxComment);
            e.HasIndex(x => new { x.Pcode, x.Sector }).IsUnique().HasFilter("withdrawn_at IS NULL");
            e.HasIndex(x => x.Sector).HasFilter("withdrawn_at IS NULL");
        });
        foreach (var entity in model.Model.GetEntityTypes().Where(t => t.ClrType.Namespace == typeof(GapReasonsModel).Namespace))
            foreach (var property in entity.GetProperties())
                property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
    }
}
