using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SeGeoCatalogue.Data.Migrations
{
    /// <inheritdoc />
    public partial class SpatialCompleteness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dataset_units_coverage",
                table: "dataset_units");

            migrationBuilder.AddColumn<string>(
                name: "spatial_completeness",
                table: "datasets",
                type: "text",
                nullable: false,
                defaultValue: "sample");

            migrationBuilder.AddColumn<short>(
                name: "down_resolution",
                table: "dataset_units",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.CreateTable(
                name: "dataset_split_units",
                columns: table => new
                {
                    dataset_id = table.Column<int>(type: "integer", nullable: false),
                    pcode = table.Column<string>(type: "text", nullable: false),
                    level = table.Column<short>(type: "smallint", nullable: false),
                    resolution = table.Column<short>(type: "smallint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dataset_split_units", x => new { x.dataset_id, x.pcode });
                    table.ForeignKey(
                        name: "FK_dataset_split_units_admin_units_pcode",
                        column: x => x.pcode,
                        principalTable: "admin_units",
                        principalColumn: "pcode",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_dataset_split_units_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dataset_units_coverage",
                table: "dataset_units",
                column: "dataset_id")
                .Annotation("Npgsql:IndexInclude", new[] { "level", "resolution", "down_resolution", "pcode" });

            migrationBuilder.CreateIndex(
                name: "IX_dataset_split_units_pcode_dataset_id",
                table: "dataset_split_units",
                columns: new[] { "pcode", "dataset_id" });

            // Existing records get the default of their methods; then every record's coverage rows are rebuilt.
            migrationBuilder.Sql($"UPDATE datasets SET spatial_completeness = {SeGeoCatalogue.Datasets.Vocabularies.DefaultCompletenessSql("methods")};");
            migrationBuilder.Sql(SeGeoCatalogue.Datasets.CoverageIndex.Sql("true"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dataset_split_units");

            migrationBuilder.DropIndex(
                name: "IX_dataset_units_coverage",
                table: "dataset_units");

            migrationBuilder.DropColumn(
                name: "spatial_completeness",
                table: "datasets");

            migrationBuilder.DropColumn(
                name: "down_resolution",
                table: "dataset_units");

            migrationBuilder.CreateIndex(
                name: "IX_dataset_units_coverage",
                table: "dataset_units",
                column: "dataset_id")
                .Annotation("Npgsql:IndexInclude", new[] { "level", "resolution", "pcode" });
        }
    }
}
