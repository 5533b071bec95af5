using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SeGeoCatalogue.Data.Migrations
{
    /// <inheritdoc />
    public partial class DataNeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_needs",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    organisation_id = table.Column<int>(type: "integer", nullable: true),
                    created_by_id = table.Column<string>(type: "text", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    sector = table.Column<string>(type: "text", nullable: false),
                    indicator = table.Column<string>(type: "text", nullable: true),
                    note = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_needs", x => x.id);
                    table.ForeignKey(
                        name: "FK_data_needs_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_data_needs_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "data_need_units",
                columns: table => new
                {
                    need_id = table.Column<int>(type: "integer", nullable: false),
                    pcode = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_need_units", x => new { x.need_id, x.pcode });
                    table.ForeignKey(
                        name: "FK_data_need_units_admin_units_pcode",
                        column: x => x.pcode,
                        principalTable: "admin_units",
                        principalColumn: "pcode",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_data_need_units_data_needs_need_id",
                        column: x => x.need_id,
                        principalTable: "data_needs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_data_need_units_pcode",
                table: "data_need_units",
                column: "pcode");

            migrationBuilder.CreateIndex(
                name: "IX_data_needs_created_by_id",
                table: "data_needs",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "IX_data_needs_organisation_id",
                table: "data_needs",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "IX_data_needs_sector",
                table: "data_needs",
                column: "sector");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_need_units");

            migrationBuilder.DropTable(
                name: "data_needs");
        }
    }
}
