using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SeGeoCatalogue.Data.Migrations
{
    /// <inheritdoc />
    public partial class GapMarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "gap_marks",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    pcode = table.Column<string>(type: "text", nullable: false),
                    sector = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    observed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    organisation_id = table.Column<int>(type: "integer", nullable: true),
                    marked_by_role = table.Column<string>(type: "text", nullable: false),
                    created_by_id = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_by_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gap_marks", x => x.id);
                    table.CheckConstraint("ck_gap_marks_reason", "reason IN ('not-applicable', 'inaccessible')");
                    table.ForeignKey(
                        name: "FK_gap_marks_admin_units_pcode",
                        column: x => x.pcode,
                        principalTable: "admin_units",
                        principalColumn: "pcode",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_gap_marks_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_gap_marks_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_gap_marks_created_by_id",
                table: "gap_marks",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "IX_gap_marks_organisation_id",
                table: "gap_marks",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "IX_gap_marks_pcode_sector",
                table: "gap_marks",
                columns: new[] { "pcode", "sector" },
                unique: true,
                filter: "withdrawn_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_gap_marks_sector",
                table: "gap_marks",
                column: "sector",
                filter: "withdrawn_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gap_marks");
        }
    }
}
