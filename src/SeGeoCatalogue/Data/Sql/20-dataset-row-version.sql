-- The ETag of a record: a version that moves only when the row's content changes (a restore or VACUUM FULL
-- rewrites rows unchanged and keeps it, unlike xmin). The stored geometries (60-dataset-geometry.sql) are derived
-- from the record's links and the boundaries, not written by its editor: a change of theirs alone keeps the version,
-- so the ETag a write answered with still matches after its links were stored.
CREATE OR REPLACE FUNCTION datasets_next_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE own datasets;
BEGIN
  NEW.row_version := OLD.row_version;
  IF NEW IS DISTINCT FROM OLD THEN
    own := NEW;
    own.geometry := OLD.geometry;
    own.geometry_coarse := OLD.geometry_coarse;
    IF own IS DISTINCT FROM OLD THEN
      NEW.row_version := OLD.row_version + 1;
    END IF;
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER datasets_row_version BEFORE UPDATE ON datasets
  FOR EACH ROW EXECUTE FUNCTION datasets_next_row_version();
