using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SeGeoCatalogue.Access;
using SeGeoCatalogue.Datasets;

namespace SeGeoCatalogue.Accounts;

/// <summary>
/// Table and column mapping of the Identity tables (renamed snake_case like the rest of the schema: users,
/// roles, user_roles…), the member's organisation, API tokens, the audit log and the data-protection keys.
/// </summary>
public static class AccountsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<CatalogueUser>(e =>
        {
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.OrganisationId);
        });
        // Fixed rows, so that roles exist before any start-up code runs and two nodes starting together cannot race.
        model.Entity<IdentityRole>().HasData(Roles.All.Select(r =>
            new IdentityRole { Id = r, Name = r, NormalizedName = r.ToUpperInvariant(), ConcurrencyStamp = r }));

        model.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.HasOne<CatalogueUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.Hash).IsUnique();
            e.HasIndex(x => x.UserId);
        });

        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.Property(x => x.Detail).HasColumnType("jsonb");
            e.HasIndex(x => x.At);
        });

        model.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        foreach (var entity in model.Model.GetEntityTypes().Where(t => IsAccountType(t.ClrType)))
        {
            if (entity.GetTableName() is { } table && table.StartsWith("AspNet", StringComparison.Ordinal))
                entity.SetTableName(Snake(table["AspNet".Length..]));
            foreach (var property in entity.GetProperties())
                property.SetColumnName(Snake(property.Name));
        }
    }

    static bool IsAccountType(Type type) =>
        type.Assembly == typeof(IdentityUser).Assembly || type.Assembly == typeof(DataProtectionKey).Assembly
        || type == typeof(CatalogueUser) || type == typeof(ApiToken) || type == typeof(AuditEntry);

    static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
