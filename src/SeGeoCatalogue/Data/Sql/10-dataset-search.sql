-- Full-text search: English stems for the words, and the plain lower-cased text (with a trigram index) so
-- Myanmar script, which the English parser does not split into words, matches as written.
ALTER TABLE datasets ADD COLUMN IF NOT EXISTS search tsvector, ADD COLUMN IF NOT EXISTS search_text text;
CREATE INDEX IF NOT EXISTS ix_datasets_search ON datasets USING gin (search);
CREATE INDEX IF NOT EXISTS ix_datasets_search_text ON datasets USING gin (search_text gin_trgm_ops);

CREATE OR REPLACE FUNCTION datasets_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE OR REPLACE TRIGGER datasets_search BEFORE INSERT OR UPDATE ON datasets
  FOR EACH ROW EXECUTE FUNCTION datasets_search_update();
