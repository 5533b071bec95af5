-- The ETag of a record: a version that moves only when the row's content changes (a restore or VACUUM FULL
-- rewrites rows unchanged and keeps it, unlike xmin).
CREATE OR REPLACE FUNCTION datasets_next_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.row_version := OLD.row_version;
  IF NEW IS DISTINCT FROM OLD THEN
    NEW.row_version := OLD.row_version + 1;
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER datasets_row_version BEFORE UPDATE ON datasets
  FOR EACH ROW EXECUTE FUNCTION datasets_next_row_version();
