-- Footprint → links. Townships and finer are kept cut into pieces of at most 256 vertices (admin_unit_parts, kept
-- in step with admin_units by a trigger), so intersecting a drawn footprint costs what its neighbourhood costs,
-- however large the unit. A unit is linked when the footprint covers at least `threshold` of its area.
CREATE TABLE IF NOT EXISTS admin_unit_parts (
  pcode text NOT NULL REFERENCES admin_units (pcode) ON DELETE CASCADE,
  level smallint NOT NULL,
  geom geometry(Geometry, 4326) NOT NULL);
CREATE INDEX IF NOT EXISTS ix_admin_unit_parts_geom ON admin_unit_parts USING gist (geom);
CREATE INDEX IF NOT EXISTS ix_admin_unit_parts_pcode ON admin_unit_parts (pcode);

CREATE OR REPLACE FUNCTION admin_unit_parts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN DELETE FROM admin_unit_parts WHERE pcode = OLD.pcode; END IF;
  IF TG_OP <> 'DELETE' AND NEW.level >= 3 THEN
    INSERT INTO admin_unit_parts (pcode, level, geom) SELECT NEW.pcode, NEW.level, ST_Subdivide(NEW.geom, 256);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER admin_unit_parts_sync AFTER INSERT OR DELETE OR UPDATE OF geom, level ON admin_units
  FOR EACH ROW EXECUTE FUNCTION admin_unit_parts_sync();

-- Units loaded before the trigger existed.
INSERT INTO admin_unit_parts (pcode, level, geom)
  SELECT u.pcode, u.level, ST_Subdivide(u.geom, 256) FROM admin_units u
  WHERE u.level >= 3 AND NOT EXISTS (SELECT 1 FROM admin_unit_parts p WHERE p.pcode = u.pcode);

CREATE OR REPLACE FUNCTION footprint_links(footprint geometry, threshold double precision)
RETURNS TABLE (pcode text, level smallint, share double precision)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH pieces AS MATERIALIZED (SELECT ST_Subdivide(footprint, 256) AS g)
  SELECT s.pcode, s.level, s.share
  FROM (SELECT u.pcode, u.level, least(1.0, sum(x.area) / nullif(u.area_km2 * 1e6, 0)) AS share
        FROM (SELECT part.pcode,
                     CASE WHEN ST_CoveredBy(part.geom, p.g) THEN ST_Area(part.geom::geography)
                          ELSE ST_Area(ST_Intersection(part.geom, p.g)::geography) END AS area
              FROM admin_unit_parts part JOIN pieces p ON part.geom && p.g AND ST_Intersects(part.geom, p.g)) x
        JOIN admin_units u ON u.pcode = x.pcode
        WHERE u.retired_at IS NULL AND u.level >= 3
        GROUP BY u.pcode, u.level, u.area_km2) s
  WHERE s.share >= threshold
$$;
