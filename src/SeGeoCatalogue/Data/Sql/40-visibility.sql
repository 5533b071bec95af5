-- The one rule of who sees which dataset record, and how much of it. Raw SQL calls these functions through
-- Access/DatasetVisibility.Sql and SeesDetailSql, EF queries through the same functions mapped as DbFunctions;
-- being plain SQL expressions they are inlined by the planner, so filters on the columns keep their indexes.

-- The public sees published public records; members also see published network records and every record of their
-- own organisation; curators see everything. Deleted records are never shown.
CREATE OR REPLACE FUNCTION dataset_visible(deleted_at timestamptz, curation_state text, visibility text, holder_id integer,
                                           viewer_curator boolean, viewer_member boolean, viewer_org integer)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT deleted_at IS NULL
     AND (viewer_curator
          OR (curation_state = 'published' AND (visibility = 'public' OR (viewer_member AND visibility = 'network')))
          OR (viewer_member AND holder_id IS NOT DISTINCT FROM viewer_org AND viewer_org IS NOT NULL))
$$;

-- A record whose footprint is sensitive shows its exact footprint and its units finer than a township only to its
-- holder's members and to curators; everyone else sees it at township level or coarser.
CREATE OR REPLACE FUNCTION dataset_detail_visible(footprint_sensitive boolean, holder_id integer,
                                                  viewer_curator boolean, viewer_org integer)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT NOT footprint_sensitive OR viewer_curator OR (viewer_org IS NOT NULL AND holder_id IS NOT DISTINCT FROM viewer_org)
$$;

-- What may be shown of a unit without the record's detail: townships and coarser as they are.
CREATE OR REPLACE FUNCTION unit_shown_without_detail(level smallint)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT level <= 3 $$;

-- The unit shown in place of a unit without the record's detail: itself when shown, else its township (the first
-- nine characters of a MIMU pcode below township level).
CREATE OR REPLACE FUNCTION unit_or_its_township(pcode text, level smallint)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN unit_shown_without_detail(level) THEN pcode ELSE left(pcode, 9) END
$$;
