using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SeGeoCatalogue.Data.Migrations
{
    /// <inheritdoc />
    public partial class Coverage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_dataset_units_coverage",
                table: "dataset_units",
                column: "dataset_id")
                .Annotation("Npgsql:IndexInclude", new[] { "level", "resolution", "pcode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dataset_units_coverage",
                table: "dataset_units");
        }
    }
}
