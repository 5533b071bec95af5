-- One row that says when the published catalogue last changed (the OGC API's ETag and Last-Modified): every
-- transaction that writes a record, its links or units, an organisation or the boundaries raises it once, at commit
-- (deferred constraint triggers), so it is read in the same snapshot as the data and takes its lock last and only for
-- an instant — writers never deadlock on it.
CREATE TABLE IF NOT EXISTS catalogue_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL,
  changed_at timestamptz NOT NULL);
INSERT INTO catalogue_version VALUES (true, 1, now()) ON CONFLICT (id) DO NOTHING;

CREATE OR REPLACE FUNCTION catalogue_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- once per transaction, however many rows it wrote
  IF current_setting('segeo.catalogue_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('segeo.catalogue_bumped', txid_current()::text, true);
    UPDATE catalogue_version SET version = version + 1, changed_at = clock_timestamp();
  END IF;
  RETURN NULL;
END $$;

-- Constraint triggers cannot be CREATE OR REPLACE'd: made once, when missing.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['datasets', 'dataset_links', 'dataset_units', 'dataset_split_units', 'organisations',
                           'admin_units', 'boundary_editions'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = t || '_catalogue_version' AND tgrelid = t::regclass) THEN
      EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
                        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_version_bump()',
                     t || '_catalogue_version', t);
    END IF;
    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_bump()',
                   t || '_catalogue_version_truncate', t);
  END LOOP;
END $$;
