using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;

#nullable disable

namespace SeGeoCatalogue.Data.Migrations
{
    /// <inheritdoc />
    public partial class DatasetGeometryAndLicence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<MultiPolygon>(
                name: "geometry",
                table: "datasets",
                type: "geometry(MultiPolygon,4326)",
                nullable: true);

            migrationBuilder.AddColumn<MultiPolygon>(
                name: "geometry_coarse",
                table: "datasets",
                type: "geometry(MultiPolygon,4326)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "license",
                table: "datasets",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "geometry",
                table: "datasets");

            migrationBuilder.DropColumn(
                name: "geometry_coarse",
                table: "datasets");

            migrationBuilder.DropColumn(
                name: "license",
                table: "datasets");
        }
    }
}
