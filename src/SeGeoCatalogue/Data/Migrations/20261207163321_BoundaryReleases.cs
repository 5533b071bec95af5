using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SeGeoCatalogue.Data.Migrations
{
    /// <inheritdoc />
    public partial class BoundaryReleases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "needs_review",
                table: "dataset_links",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<List<string>>(
                name: "successors",
                table: "dataset_links",
                type: "text[]",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "needs_review",
                table: "dataset_links");

            migrationBuilder.DropColumn(
                name: "successors",
                table: "dataset_links");
        }
    }
}
