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

-- Which records changed, in commit order, for the nodes' counting structures (Coverage/Counting): every statement on
-- datasets, dataset_units or dataset_split_units stages the ids it touched; boundaries (or a TRUNCATE) stage a null id
-- (rebuild). At commit the transaction's staged rows get their seq under the catalogue_version row lock, held until
-- the commit ends, so seqs become visible in the order they were given: a reader that has seen seq n has seen all
-- before it. pg_notify wakes the other nodes; a node that missed it catches up from its last seq on the next request.
CREATE TABLE IF NOT EXISTS catalogue_changes (
  seq bigint UNIQUE,
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  dataset_id integer,
  changed_at timestamptz NOT NULL DEFAULT now());
CREATE SEQUENCE IF NOT EXISTS catalogue_changes_seq;
CREATE UNIQUE INDEX IF NOT EXISTS ix_catalogue_changes_staged ON catalogue_changes (tx, dataset_id) NULLS NOT DISTINCT WHERE seq IS NULL;

CREATE OR REPLACE FUNCTION catalogue_changes_stage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_ARGV[0] = 'rebuild' THEN
    INSERT INTO catalogue_changes (dataset_id) VALUES (NULL) ON CONFLICT DO NOTHING;
  ELSIF TG_ARGV[0] = 'id' THEN
    INSERT INTO catalogue_changes (dataset_id) SELECT DISTINCT id FROM changed ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO catalogue_changes (dataset_id) SELECT DISTINCT dataset_id FROM changed ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION catalogue_changes_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE last bigint;
BEGIN
  IF current_setting('segeo.changes_numbered', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('segeo.changes_numbered', txid_current()::text, true);
    PERFORM 1 FROM catalogue_version FOR UPDATE;
    WITH numbered AS (
      UPDATE catalogue_changes SET seq = nextval('catalogue_changes_seq')
      WHERE tx = pg_current_xact_id() AND seq IS NULL RETURNING seq)
    SELECT max(seq) INTO last FROM numbered;
    IF last IS NOT NULL THEN PERFORM pg_notify('catalogue_changes', last::text); END IF;
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE t text; column_kind text; op text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'catalogue_changes_number') THEN
    CREATE CONSTRAINT TRIGGER catalogue_changes_number AFTER INSERT ON catalogue_changes
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_changes_number();
  END IF;
  FOREACH t IN ARRAY ARRAY['datasets', 'dataset_units', 'dataset_split_units'] LOOP
    column_kind := CASE t WHEN 'datasets' THEN 'id' ELSE 'dataset_id' END;
    FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
      EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER %s ON %I REFERENCING %s TABLE AS changed
                        FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changes_stage(%L)',
                     t || '_changes_' || lower(op), op, t, CASE op WHEN 'DELETE' THEN 'OLD' ELSE 'NEW' END, column_kind);
    END LOOP;
    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changes_stage(''rebuild'')',
                   t || '_changes_truncate', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['admin_units', 'boundary_editions'] LOOP
    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                      FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changes_stage(''rebuild'')', t || '_changes', t);
  END LOOP;
END $$;

-- catalogue_changes is pruned (Coverage/Counting/CatalogueChangesPruning): numbered rows older than the window nodes
-- keep are deleted, and the highest seq deleted is remembered here. A node whose last seq is below it has missed
-- changes it can no longer read and rebuilds its structure instead of catching up.
CREATE TABLE IF NOT EXISTS catalogue_changes_pruned (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  through bigint NOT NULL);
INSERT INTO catalogue_changes_pruned VALUES (true, 0) ON CONFLICT (id) DO NOTHING;

-- Deletes the numbered changes made before now() - keep (every seq up to the newest such one), raises the mark, and
-- returns how many rows went. Rows still staged by a transaction under way (seq null) are never touched.
CREATE OR REPLACE FUNCTION catalogue_changes_prune(keep interval) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE upto bigint; gone bigint;
BEGIN
  SELECT max(seq) INTO upto FROM catalogue_changes WHERE seq IS NOT NULL AND changed_at < now() - keep;
  IF upto IS NULL THEN RETURN 0; END IF;
  UPDATE catalogue_changes_pruned SET through = greatest(through, upto);
  DELETE FROM catalogue_changes WHERE seq <= upto;
  GET DIAGNOSTICS gone = ROW_COUNT;
  RETURN gone;
END $$;
