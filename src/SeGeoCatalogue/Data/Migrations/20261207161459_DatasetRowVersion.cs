using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SeGeoCatalogue.Data.Migrations
{
    /// <summary>
    /// Datasets get a row_version, the ETag of optimistic concurrency, instead of xmin (which a dump and restore
    /// rewrites, giving every restored row the same value). A trigger raises it on every UPDATE that changes the row,
    /// whoever writes it (the API, curation steps, scripts); an UPDATE that changes nothing keeps it.
    /// </summary>
    public partial class DatasetRowVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "row_version",
                table: "datasets",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.Sql("""
                CREATE FUNCTION datasets_next_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  NEW.row_version := OLD.row_version;
                  IF NEW IS DISTINCT FROM OLD THEN
                    NEW.row_version := OLD.row_version + 1;
                  END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER datasets_row_version BEFORE UPDATE ON datasets
                  FOR EACH ROW EXECUTE FUNCTION datasets_next_row_version();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER datasets_row_version ON datasets;
                DROP FUNCTION datasets_next_row_version();
                """);
            migrationBuilder.DropColumn(name: "row_version", table: "datasets");
        }
    }
}
