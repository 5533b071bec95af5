using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Demand;

/// <summary>Tables data_needs and data_need_units (snake_case columns).</summary>
public static class DemandModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<DataNeed>(e =>
        {
            e.ToTable("data_needs");
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CatalogueUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.Sector);
        });
        model.Entity<DataNeedUnit>(e =>
        {
            e.ToTable("data_need_units");
            e.HasKey(x => new { x.NeedId, x.Pcode });
            e.HasOne<DataNeed>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AdminUnit>().WithMany().HasForeignKey(x => x.Pcode).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.Pcode);
        });
        foreach (var entity in model.Model.GetEntityTypes().Where(t => t.ClrType.Namespace == typeof(DemandModel).Namespace))
            foreach (var property in entity.GetProperties())
                property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
    }
}
