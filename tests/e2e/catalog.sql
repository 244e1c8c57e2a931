-- The schema of the current database as sorted text lines, for tests/e2e/run.sh, which compares
-- the catalog sequelize-cli's migrations build with the one schemagen's .up.sql builds.
-- Run with: psql -X -v ON_ERROR_STOP=1 -At -f catalog.sql -d DB
--
-- Only schema public; sequelize-cli's own "SequelizeMeta" table (with its key, index and row
-- type) is left out. Every object is named by name, not oid, so that two databases compare.
-- Column lines carry the column's position: a migration that orders columns differently
-- builds a different table. Constraint and index lines use PostgreSQL's own deparsed
-- definitions, so spelling differences of the input (INT vs integer, quoting) don't count.
WITH tab AS (
  SELECT c.oid, c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public'
    AND c.relname <> 'SequelizeMeta'
    AND c.relkind IN ('r', 'p')
)
SELECT line FROM (
  SELECT 1 AS grp, tab.relname AS tbl, 0 AS pos,
         'table ' || quote_ident(tab.relname)
         || CASE tab.relkind WHEN 'p' THEN ' partitioned' ELSE '' END
         || CASE WHEN tab.relrowsecurity THEN ' row-level-security' ELSE '' END
         || CASE WHEN tab.relforcerowsecurity THEN ' forced' ELSE '' END AS line
  FROM tab

  UNION ALL
  -- Row-level security policies, as PostgreSQL deparses them.
  SELECT 4, tab.relname, 0,
         'policy ' || quote_ident(tab.relname) || ' ' || quote_ident(pol.polname)
         || ' ' || pol.polcmd::text || CASE WHEN pol.polpermissive THEN '' ELSE ' restrictive' END
         || COALESCE(' using ' || pg_get_expr(pol.polqual, pol.polrelid), '')
         || COALESCE(' with check ' || pg_get_expr(pol.polwithcheck, pol.polrelid), '')
  FROM tab
  JOIN pg_policy pol ON pol.polrelid = tab.oid

  UNION ALL
  SELECT 1, tab.relname, a.attnum,
         'column ' || quote_ident(tab.relname) || ' #' || a.attnum || ' ' || quote_ident(a.attname)
         || ' ' || format_type(a.atttypid, a.atttypmod)
         || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END
         || COALESCE(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
         || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
         || CASE WHEN a.attgenerated <> '' THEN ' generated ' || a.attgenerated::text ELSE '' END
         || CASE WHEN a.attcollation <> t.typcollation
                 THEN ' collate ' || (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                                      FROM pg_collation co
                                      JOIN pg_namespace cn ON cn.oid = co.collnamespace
                                      WHERE co.oid = a.attcollation)
                 ELSE '' END
  FROM tab
  JOIN pg_attribute a ON a.attrelid = tab.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum

  UNION ALL
  SELECT 2, tab.relname, 0,
         'constraint ' || quote_ident(tab.relname) || ' ' || quote_ident(con.conname)
         || ' ' || con.contype::text || ' ' || pg_get_constraintdef(con.oid)
         || CASE WHEN con.condeferrable THEN ' deferrable' ELSE '' END
         || CASE WHEN con.convalidated THEN '' ELSE ' not-valid' END
  FROM tab
  JOIN pg_constraint con ON con.conrelid = tab.oid

  UNION ALL
  SELECT 3, tab.relname, 0,
         'index ' || quote_ident(tab.relname) || ' ' || quote_ident(ic.relname)
         || ' ' || pg_get_indexdef(i.indexrelid)
  FROM tab
  JOIN pg_index i ON i.indrelid = tab.oid
  JOIN pg_class ic ON ic.oid = i.indexrelid

  UNION ALL
  SELECT 4, tab.relname, 0,
         'comment table ' || quote_ident(tab.relname) || ' ' || quote_literal(obj_description(tab.oid, 'pg_class'))
  FROM tab
  WHERE obj_description(tab.oid, 'pg_class') IS NOT NULL

  UNION ALL
  SELECT 4, tab.relname, a.attnum,
         'comment column ' || quote_ident(tab.relname) || '.' || quote_ident(a.attname)
         || ' ' || quote_literal(col_description(tab.oid, a.attnum))
  FROM tab
  JOIN pg_attribute a ON a.attrelid = tab.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE col_description(tab.oid, a.attnum) IS NOT NULL

  UNION ALL
  -- Sequences with their settings and the column that owns them (serial columns).
  SELECT 5, c.relname, 0,
         'sequence ' || quote_ident(c.relname) || ' ' || format_type(s.seqtypid, NULL)
         || ' start ' || s.seqstart || ' increment ' || s.seqincrement
         || ' min ' || s.seqmin || ' max ' || s.seqmax || ' cache ' || s.seqcache
         || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END
         || COALESCE((SELECT ' owned by ' || quote_ident(oc.relname) || '.' || quote_ident(oa.attname)
                      FROM pg_depend dep
                      JOIN pg_class oc ON oc.oid = dep.refobjid
                      JOIN pg_attribute oa ON oa.attrelid = dep.refobjid AND oa.attnum = dep.refobjsubid
                      WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid
                        AND dep.refclassid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')
                      LIMIT 1), '')
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_sequence s ON s.seqrelid = c.oid
  WHERE n.nspname = 'public' AND c.relkind = 'S'

  UNION ALL
  -- Enum types with their labels in order, domains with their base type; table row types and
  -- array types live and die with their owner and are left out.
  SELECT 6, t.typname, 0,
         CASE t.typtype
           WHEN 'e' THEN 'enum ' || quote_ident(t.typname) || ' ('
                         || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                             FROM pg_enum e WHERE e.enumtypid = t.oid) || ')'
           WHEN 'd' THEN 'domain ' || quote_ident(t.typname) || ' ' || format_type(t.typbasetype, t.typtypmod)
           ELSE 'type ' || quote_ident(t.typname) || ' ' || t.typtype::text
         END
  FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE n.nspname = 'public'
    AND t.typrelid = 0
    AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)

  UNION ALL
  -- Functions (with a digest of their body) and triggers: the trigger form of ON DELETE SET
  -- NULL (columns) before PostgreSQL 15, and any left behind.
  SELECT 7, p.proname, 0, 'function ' || p.oid::regprocedure::text || ' ' || md5(p.prosrc)
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname = 'public'

  UNION ALL
  SELECT 7, tab.relname, 0,
         'trigger ' || quote_ident(tab.relname) || ' ' || pg_get_triggerdef(tg.oid)
  FROM tab
  JOIN pg_trigger tg ON tg.tgrelid = tab.oid AND NOT tg.tgisinternal

  UNION ALL
  -- Extensions (pgcrypto for gen_random_uuid() before PostgreSQL 13), with their comment.
  SELECT 9, x.extname, 0,
         'extension ' || quote_ident(x.extname) || ' ' || x.extversion
         || COALESCE(' ' || quote_literal(obj_description(x.oid, 'pg_extension')), '')
  FROM pg_extension x
  WHERE x.extname <> 'plpgsql'

  UNION ALL
  -- Any other relation (view, materialized view, foreign table, composite type).
  SELECT 8, c.relname, 0, 'relation ' || quote_ident(c.relname) || ' kind ' || c.relkind::text
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm', 'f', 'c')
) catalog
-- Each table's lines together (table, columns, constraints, indexes, comments), then the rest.
ORDER BY CASE WHEN grp < 5 THEN 0 ELSE grp END, tbl COLLATE "C", grp, pos, line COLLATE "C";
