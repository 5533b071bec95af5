using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Accounts;
using SeGeoCatalogue.Boundaries;
using SeGeoCatalogue.Datasets;
using SeGeoCatalogue.Requests;
using SeGeoCatalogue.Demand;
using SeGeoCatalogue.GapReasons;

namespace SeGeoCatalogue.Data;

public sealed class CatalogueDb : IdentityDbContext<CatalogueUser>, IDataProtectionKeyContext
{
    /// <summary>
    /// No savepoints inside a write's transaction: a failed SaveChanges ends the whole write anyway, and without them
    /// every row of a write carries the transaction's own id (xmin), which its audit line names.
    /// </summary>
    public CatalogueDb(DbContextOptions<CatalogueDb> options) : base(options) => Database.AutoSavepointsEnabled = false;

    public DbSet<AdminUnit> AdminUnits => Set<AdminUnit>();
    public DbSet<BoundaryEdition> BoundaryEditions => Set<BoundaryEdition>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Dataset> Datasets => Set<Dataset>();
    public DbSet<DatasetLink> DatasetLinks => Set<DatasetLink>();
    public DbSet<DatasetUnit> DatasetUnits => Set<DatasetUnit>();
    public DbSet<DatasetSplitUnit> DatasetSplitUnits => Set<DatasetSplitUnit>();
    public DbSet<DatasetChange> DatasetChanges => Set<DatasetChange>();
    public DbSet<IdempotencyKey> IdempotencyKeys => Set<IdempotencyKey>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<DataRequest> DataRequests => Set<DataRequest>();
    public DbSet<DataRequestStep> DataRequestSteps => Set<DataRequestStep>();
    public DbSet<OutboxMessage> MailOutbox => Set<OutboxMessage>();
    public DbSet<DataNeed> DataNeeds => Set<DataNeed>();
    public DbSet<DataNeedUnit> DataNeedUnits => Set<DataNeedUnit>();
    public DbSet<GapMark> GapMarks => Set<GapMark>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        var model = builder;
        base.OnModelCreating(model);
        model.HasPostgresExtension("postgis");
        model.HasPostgresExtension("pg_trgm");
        CatalogueModel.Configure(model);
        Access.DatasetVisibility.Register(model);
        AccountsModel.Configure(model);
        RequestsModel.Configure(model);
        DemandModel.Configure(model);
        GapReasonsModel.Configure(model);

        model.Entity<BoundaryEdition>(e =>
        {
            e.ToTable("boundary_editions");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.ImportedAt).HasColumnName("imported_at");
            e.Property(x => x.Summary).HasColumnName("summary").HasColumnType("jsonb");
        });

        model.Entity<AdminUnit>(e =>
        {
            e.ToTable("admin_units");
            e.HasKey(x => x.Pcode);
            e.Property(x => x.Pcode).HasColumnName("pcode");
            e.Property(x => x.Level).HasColumnName("level");
            e.Property(x => x.UnitType).HasColumnName("unit_type");
            e.Property(x => x.ParentPcode).HasColumnName("parent_pcode");
            e.Property(x => x.StatePcode).HasColumnName("state_pcode");
            e.Property(x => x.DistrictPcode).HasColumnName("district_pcode");
            e.Property(x => x.TownshipPcode).HasColumnName("township_pcode");
            e.Property(x => x.NameEn).HasColumnName("name_en");
            e.Property(x => x.NameMy).HasColumnName("name_my");
            e.Property(x => x.Geom).HasColumnName("geom").HasColumnType("geometry(MultiPolygon,4326)");
            e.Property(x => x.DisplayGeom).HasColumnName("display_geom").HasColumnType("geometry(MultiPolygon,4326)");
            e.Property(x => x.AreaKm2).HasColumnName("area_km2");
            e.Property(x => x.SourceHash).HasColumnName("source_hash");
            e.Property(x => x.EditionId).HasColumnName("edition_id");
            e.Property(x => x.RetiredAt).HasColumnName("retired_at");
            e.HasOne<BoundaryEdition>().WithMany().HasForeignKey(x => x.EditionId);
            e.HasIndex(x => x.Geom).HasMethod("gist");
            e.HasIndex(x => new { x.Level, x.ParentPcode });
            e.HasIndex(x => x.TownshipPcode);
        });
    }
}
