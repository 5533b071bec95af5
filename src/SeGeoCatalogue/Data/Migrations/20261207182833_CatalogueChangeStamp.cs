using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SeGeoCatalogue.Data.Migrations
{
    /// <summary>
    /// One row that says when the published catalogue last changed (the OGC API's ETag and Last-Modified): every
    /// transaction that writes a record, its links or units, an organisation or the boundaries raises it once, at
    /// commit (deferred constraint triggers), so it is read in the same snapshot as the data and takes its lock last
    /// and only for an instant — writers never deadlock on it.
    /// </summary>
    public partial class CatalogueChangeStamp : Migration
    {
        static readonly string[] Tables =
            ["datasets", "dataset_links", "dataset_units", "dataset_split_units", "organisations", "admin_units", "boundary_editions"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE catalogue_version (
                  id boolean PRIMARY KEY DEFAULT true CHECK (id),
                  version bigint NOT NULL,
                  changed_at timestamptz NOT NULL);
                INSERT INTO catalogue_version VALUES (true, 1, now());
                CREATE FUNCTION catalogue_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  -- once per transaction, however many rows it wrote
                  IF current_setting('segeo.catalogue_bumped', true) IS DISTINCT FROM txid_current()::text THEN
                    PERFORM set_config('segeo.catalogue_bumped', txid_current()::text, true);
                    UPDATE catalogue_version SET version = version + 1, changed_at = clock_timestamp();
                  END IF;
                  RETURN NULL;
                END $$;
                """);
            foreach (var table in Tables)
                migrationBuilder.Sql($"""
                    CREATE CONSTRAINT TRIGGER {table}_catalogue_version AFTER INSERT OR UPDATE OR DELETE ON {table}
                      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump();
                    CREATE TRIGGER {table}_catalogue_version_truncate AFTER TRUNCATE ON {table}
                      FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_bump();
                    """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
                migrationBuilder.Sql($"""
                    DROP TRIGGER {table}_catalogue_version ON {table};
                    DROP TRIGGER {table}_catalogue_version_truncate ON {table};
                    """);
            migrationBuilder.Sql("DROP FUNCTION catalogue_version_bump(); DROP TABLE catalogue_version;");
        }
    }
}
