using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SeGeoCatalogue.Data.Migrations
{
    /// <inheritdoc />
    public partial class Boundaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "boundary_editions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    summary = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_boundary_editions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "admin_units",
                columns: table => new
                {
                    pcode = table.Column<string>(type: "text", nullable: false),
                    level = table.Column<short>(type: "smallint", nullable: false),
                    unit_type = table.Column<string>(type: "text", nullable: true),
                    parent_pcode = table.Column<string>(type: "text", nullable: true),
                    state_pcode = table.Column<string>(type: "text", nullable: false),
                    district_pcode = table.Column<string>(type: "text", nullable: true),
                    township_pcode = table.Column<string>(type: "text", nullable: true),
                    name_en = table.Column<string>(type: "text", nullable: true),
                    name_my = table.Column<string>(type: "text", nullable: true),
                    geom = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: false),
                    display_geom = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: true),
                    area_km2 = table.Column<double>(type: "double precision", nullable: false),
                    source_hash = table.Column<string>(type: "text", nullable: false),
                    edition_id = table.Column<int>(type: "integer", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_admin_units", x => x.pcode);
                    table.ForeignKey(
                        name: "FK_admin_units_boundary_editions_edition_id",
                        column: x => x.edition_id,
                        principalTable: "boundary_editions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_admin_units_edition_id",
                table: "admin_units",
                column: "edition_id");

            migrationBuilder.CreateIndex(
                name: "IX_admin_units_geom",
                table: "admin_units",
                column: "geom")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_admin_units_level_parent_pcode",
                table: "admin_units",
                columns: new[] { "level", "parent_pcode" });

            migrationBuilder.CreateIndex(
                name: "IX_admin_units_township_pcode",
                table: "admin_units",
                column: "township_pcode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "admin_units");

            migrationBuilder.DropTable(
                name: "boundary_editions");
        }
    }
}
