using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SeGeoCatalogue.Data.Migrations
{
    /// <inheritdoc />
    public partial class Catalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .Annotation("Npgsql:PostgresExtension:postgis", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "text", nullable: false),
                    acronym = table.Column<string>(type: "text", nullable: true),
                    type = table.Column<string>(type: "text", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "datasets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "text", nullable: false),
                    summary = table.Column<string>(type: "text", nullable: true),
                    holder_id = table.Column<int>(type: "integer", nullable: false),
                    contact = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: true),
                    sectors = table.Column<List<string>>(type: "text[]", nullable: false),
                    indicators = table.Column<List<string>>(type: "text[]", nullable: false),
                    disaggregation_level = table.Column<string>(type: "text", nullable: true),
                    methods = table.Column<List<string>>(type: "text[]", nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: true),
                    period_end = table.Column<DateOnly>(type: "date", nullable: true),
                    collected_on = table.Column<DateOnly>(type: "date", nullable: true),
                    update_frequency = table.Column<string>(type: "text", nullable: true),
                    availability = table.Column<string>(type: "text", nullable: false),
                    formats = table.Column<List<string>>(type: "text[]", nullable: false),
                    links = table.Column<string>(type: "jsonb", nullable: false),
                    assessment_status = table.Column<string>(type: "text", nullable: true),
                    curation_state = table.Column<string>(type: "text", nullable: false),
                    visibility = table.Column<string>(type: "text", nullable: false),
                    footprint = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: true),
                    footprint_sensitive = table.Column<bool>(type: "boolean", nullable: false),
                    footprint_threshold = table.Column<double>(type: "double precision", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_datasets", x => x.id);
                    table.ForeignKey(
                        name: "FK_datasets_organisations_holder_id",
                        column: x => x.holder_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dataset_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    dataset_id = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    changes = table.Column<string>(type: "jsonb", nullable: false),
                    comment = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dataset_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_dataset_changes_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dataset_links",
                columns: table => new
                {
                    dataset_id = table.Column<int>(type: "integer", nullable: false),
                    pcode = table.Column<string>(type: "text", nullable: false),
                    origin = table.Column<string>(type: "text", nullable: false),
                    share = table.Column<double>(type: "double precision", nullable: true),
                    edition_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dataset_links", x => new { x.dataset_id, x.pcode, x.origin });
                    table.ForeignKey(
                        name: "FK_dataset_links_admin_units_pcode",
                        column: x => x.pcode,
                        principalTable: "admin_units",
                        principalColumn: "pcode",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_dataset_links_boundary_editions_edition_id",
                        column: x => x.edition_id,
                        principalTable: "boundary_editions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_dataset_links_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dataset_units",
                columns: table => new
                {
                    dataset_id = table.Column<int>(type: "integer", nullable: false),
                    pcode = table.Column<string>(type: "text", nullable: false),
                    level = table.Column<short>(type: "smallint", nullable: false),
                    resolution = table.Column<short>(type: "smallint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dataset_units", x => new { x.dataset_id, x.pcode });
                    table.ForeignKey(
                        name: "FK_dataset_units_admin_units_pcode",
                        column: x => x.pcode,
                        principalTable: "admin_units",
                        principalColumn: "pcode",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_dataset_units_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dataset_changes_dataset_id_changed_at",
                table: "dataset_changes",
                columns: new[] { "dataset_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "IX_dataset_links_edition_id",
                table: "dataset_links",
                column: "edition_id");

            migrationBuilder.CreateIndex(
                name: "IX_dataset_links_pcode",
                table: "dataset_links",
                column: "pcode");

            migrationBuilder.CreateIndex(
                name: "IX_dataset_units_pcode_dataset_id",
                table: "dataset_units",
                columns: new[] { "pcode", "dataset_id" });

            migrationBuilder.CreateIndex(
                name: "IX_datasets_curation_state_visibility",
                table: "datasets",
                columns: new[] { "curation_state", "visibility" });

            migrationBuilder.CreateIndex(
                name: "IX_datasets_footprint",
                table: "datasets",
                column: "footprint")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_datasets_holder_id",
                table: "datasets",
                column: "holder_id");

            migrationBuilder.CreateIndex(
                name: "IX_datasets_indicators",
                table: "datasets",
                column: "indicators")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_datasets_methods",
                table: "datasets",
                column: "methods")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_datasets_sectors",
                table: "datasets",
                column: "sectors")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_organisations_name",
                table: "organisations",
                column: "name",
                unique: true);

            // Full-text search: English stems for the words, and the plain lower-cased text (with a trigram
            // index) so Myanmar script, which the English parser does not split into words, matches as written.
            migrationBuilder.Sql("""
                ALTER TABLE datasets ADD COLUMN search tsvector, ADD COLUMN search_text text;
                CREATE INDEX ix_datasets_search ON datasets USING gin (search);
                CREATE INDEX ix_datasets_search_text ON datasets USING gin (search_text gin_trgm_ops);

                CREATE FUNCTION datasets_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE holder text;
                BEGIN
                  SELECT concat_ws(' ', o.name, o.acronym) INTO holder FROM organisations o WHERE o.id = NEW.holder_id;
                  NEW.search :=
                      setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
                   || setweight(to_tsvector('english', array_to_string(NEW.indicators, ' ')), 'B')
                   || setweight(to_tsvector('english', concat_ws(' ', NEW.source, holder)), 'B')
                   || setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'C');
                  NEW.search_text := lower(concat_ws(' ', NEW.title, NEW.summary, array_to_string(NEW.indicators, ' '), NEW.source, holder));
                  RETURN NEW;
                END $$;
                CREATE TRIGGER datasets_search BEFORE INSERT OR UPDATE ON datasets
                  FOR EACH ROW EXECUTE FUNCTION datasets_search_update();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS datasets_search ON datasets; DROP FUNCTION IF EXISTS datasets_search_update();");
            migrationBuilder.DropTable(
                name: "dataset_changes");

            migrationBuilder.DropTable(
                name: "dataset_links");

            migrationBuilder.DropTable(
                name: "dataset_units");

            migrationBuilder.DropTable(
                name: "datasets");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,");
        }
    }
}
