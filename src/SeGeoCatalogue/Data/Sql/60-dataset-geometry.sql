-- The geometry each record is served with, stored on the record (datasets.geometry, geometry_coarse) so that OGC
-- items, DCAT, downloads and search read a column instead of a union of polygons per request:
--   geometry:        the footprint as drawn, else the outline of its units (dataset_units): the union of their display
--                    geometries simplified to 1/200 of the union's extent (its diagonal), without specks, so a
--                    state-wide record is not thousands of coastline vertices and islands in every OGC page (the units
--                    themselves, exactly, are the record's area: /api/datasets/{id}/area);
--   geometry_coarse: for a record whose footprint is sensitive, what a viewer without its detail gets
--                    (dataset_detail_visible false): the outline of the townships or coarser units
--                    unit_or_its_township names for its units. Null for other records: nobody is refused their detail.
-- Callers choose between the two with dataset_detail_visible (Exports/DatasetRecords.Select); nothing here decides who
-- sees what. Kept in the writing transaction by the triggers below: a record's own footprint or sensitivity (row,
-- before the write), its units (statement, after), a unit's polygons (statement, after).

-- The outline: simplified to t = 1/200 of the extent's diagonal, without the specks (islands, enclaves) smaller than a
-- square of t a side — unless that would leave nothing.
CREATE OR REPLACE FUNCTION dataset_outline(area geometry) RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH s AS (SELECT ST_SimplifyPreserveTopology(area, t) AS g, t
             FROM (SELECT sqrt((ST_XMax(area) - ST_XMin(area)) ^ 2 + (ST_YMax(area) - ST_YMin(area)) ^ 2) / 200 AS t) x)
  SELECT coalesce((SELECT ST_Collect(p.geom) FROM ST_Dump(s.g) p WHERE ST_Area(p.geom) >= s.t * s.t), s.g) FROM s
$$;

CREATE OR REPLACE FUNCTION dataset_geometry_of(dataset integer, footprint geometry, detail boolean)
RETURNS geometry LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT ST_ForcePolygonCCW(ST_Multi(ST_CollectionExtract(
    CASE WHEN footprint IS NOT NULL AND detail THEN footprint
         ELSE dataset_outline((SELECT ST_Union(coalesce(u.display_geom, u.geom)) FROM admin_units u WHERE u.pcode IN (
                 SELECT CASE WHEN detail THEN du.pcode ELSE unit_or_its_township(du.pcode, du.level) END
                 FROM dataset_units du WHERE du.dataset_id = dataset))) END, 3)))
$$;

CREATE OR REPLACE FUNCTION dataset_geometry_refresh(ids integer[]) RETURNS void LANGUAGE sql AS $$
  UPDATE datasets d SET geometry = n.geometry, geometry_coarse = n.coarse
  FROM (SELECT x.id, dataset_geometry_of(x.id, x.footprint, true) AS geometry,
               CASE WHEN x.footprint_sensitive THEN dataset_geometry_of(x.id, x.footprint, false) END AS coarse
        FROM datasets x WHERE x.id = ANY (ids)) n
  WHERE d.id = n.id AND (d.geometry IS DISTINCT FROM n.geometry OR d.geometry_coarse IS DISTINCT FROM n.coarse)
$$;

-- The record's own fields: computed into the row being written (an UPDATE of only the geometry does not come here).
CREATE OR REPLACE FUNCTION datasets_geometry_own() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.geometry := dataset_geometry_of(NEW.id, NEW.footprint, true);
  NEW.geometry_coarse := CASE WHEN NEW.footprint_sensitive THEN dataset_geometry_of(NEW.id, NEW.footprint, false) END;
  RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER datasets_geometry BEFORE INSERT OR UPDATE OF footprint, footprint_sensitive ON datasets
  FOR EACH ROW EXECUTE FUNCTION datasets_geometry_own();

-- Its units: once per statement, so rebuilding the units of every record (demo, benchmarks) is one set-based update.
CREATE OR REPLACE FUNCTION dataset_units_geometry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dataset_geometry_refresh(ARRAY(SELECT DISTINCT dataset_id FROM new_units));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM dataset_geometry_refresh(ARRAY(SELECT DISTINCT dataset_id FROM old_units));
  ELSE
    PERFORM dataset_geometry_refresh(ARRAY(SELECT dataset_id FROM new_units UNION SELECT dataset_id FROM old_units));
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER dataset_units_geometry_insert AFTER INSERT ON dataset_units
  REFERENCING NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION dataset_units_geometry();
CREATE OR REPLACE TRIGGER dataset_units_geometry_delete AFTER DELETE ON dataset_units
  REFERENCING OLD TABLE AS old_units FOR EACH STATEMENT EXECUTE FUNCTION dataset_units_geometry();
CREATE OR REPLACE TRIGGER dataset_units_geometry_update AFTER UPDATE ON dataset_units
  REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION dataset_units_geometry();

-- A unit's polygons (a boundary import, a new display simplification): the records with that unit, or a unit inside
-- it shown as it (a sensitive record's coarse geometry), are computed again.
CREATE OR REPLACE FUNCTION admin_units_dataset_geometry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dataset_geometry_refresh(ARRAY(
    WITH changed AS (
      SELECT n.pcode FROM new_units n JOIN old_units o ON o.pcode = n.pcode
      WHERE n.display_geom IS DISTINCT FROM o.display_geom OR n.geom IS DISTINCT FROM o.geom)
    SELECT DISTINCT du.dataset_id FROM dataset_units du
    WHERE EXISTS (SELECT 1 FROM changed) AND (du.pcode IN (SELECT pcode FROM changed)
           OR unit_or_its_township(du.pcode, du.level) IN (SELECT pcode FROM changed))));
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER admin_units_dataset_geometry AFTER UPDATE ON admin_units
  REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION admin_units_dataset_geometry();

-- Records stored under an earlier rule: the column's comment names the rule the stored values follow, and a new rule
-- recomputes them all once (from then on the triggers above keep every write current).
DO $$
BEGIN
  IF col_description('datasets'::regclass, (SELECT attnum FROM pg_attribute WHERE attrelid = 'datasets'::regclass AND attname = 'geometry'))
     IS DISTINCT FROM 'footprint, else units outline at 1/200 without specks below t squared' THEN
    PERFORM dataset_geometry_refresh(ARRAY(SELECT id FROM datasets));
    COMMENT ON COLUMN datasets.geometry IS 'footprint, else units outline at 1/200 without specks below t squared';
  END IF;
END $$;
