-- Releases: the published tables frozen as report authors read them on the day a period's
-- figures were released (docs/publication.md#releases-and-revisions). Only `wst release
-- create` writes these tables, once per release, in one transaction: nothing updates or
-- deletes a row (a release is never altered), and retention never touches them. Nothing here
-- holds personal data: published (disclosure-controlled) tables, audit ids, and the operating-
-- system account that made the release.
CREATE SCHEMA IF NOT EXISTS releases;

CREATE TABLE IF NOT EXISTS releases.releases (
    release_name    VARCHAR PRIMARY KEY,  -- letters, digits, '.', '_', '-' (checked by the code)
    release_number  INTEGER NOT NULL,     -- 1, 2, ... in the order they were made
    period          VARCHAR NOT NULL,     -- the financial year released, e.g. 2019-20
    created_at      TIMESTAMP NOT NULL,   -- UTC
    created_by      VARCHAR NOT NULL,     -- the operating-system account (no other personal data)
    as_at           VARCHAR NOT NULL,     -- JSON: the load facts the outputs print (as at, load)
    content_sha256  VARCHAR NOT NULL,     -- of the frozen tables and those facts
    cells           BIGINT NOT NULL       -- released figures (releases.cells rows)
);

-- Every published table, frozen: its rows in order, as Parquet (types, floats and order kept).
CREATE TABLE IF NOT EXISTS releases.tables (
    release_name VARCHAR NOT NULL,
    table_name   VARCHAR NOT NULL,        -- e.g. indicator_values (of the published schema)
    table_rows   BIGINT NOT NULL,
    sha256       VARCHAR NOT NULL,        -- of `content`
    content      BLOB NOT NULL,
    PRIMARY KEY (release_name, table_name)
);

-- The figures released: each cell of published.indicator_values of a period up to the end of
-- the release's year, as released. Revision markers and `wst release diff` compare with these.
CREATE TABLE IF NOT EXISTS releases.cells (
    release_name VARCHAR NOT NULL,
    indicator_id VARCHAR NOT NULL,
    area_type    VARCHAR,
    area_code    VARCHAR,
    period       VARCHAR NOT NULL,
    period_type  VARCHAR NOT NULL,
    breakdown    VARCHAR NOT NULL,
    value        DOUBLE,
    value_text   VARCHAR,
    symbol       VARCHAR,
    completeness VARCHAR
);

-- The file versions behind a release: the current version of every return when it was made.
CREATE TABLE IF NOT EXISTS releases.file_versions (
    release_name    VARCHAR NOT NULL,
    file_version_id BIGINT NOT NULL,
    PRIMARY KEY (release_name, file_version_id)
);

-- Recorded decisions that retention may purge the records behind a release (its frozen tables
-- are kept whatever is decided): who decided, when. Without one, retention keeps them.
CREATE TABLE IF NOT EXISTS releases.retention_decisions (
    release_name VARCHAR PRIMARY KEY,
    decided_at   TIMESTAMP NOT NULL,      -- UTC
    decided_by   VARCHAR NOT NULL         -- the operating-system account
);

-- The file versions retention must keep: every version of a return (extract, partner, month)
-- whose version a release rests on, unless a decision released it. (Keeping the return whole
-- keeps a later correction current, rather than the released version taking its place.)
CREATE OR REPLACE VIEW releases.protected_file_versions AS
SELECT DISTINCT f.file_version_id
FROM audit.file_versions AS f
JOIN (SELECT DISTINCT g.extract, g.partner, g.reporting_month
      FROM releases.file_versions AS r
      JOIN audit.file_versions AS g USING (file_version_id)
      WHERE r.release_name NOT IN (SELECT release_name FROM releases.retention_decisions)) AS kept
  ON f.extract = kept.extract AND f.partner = kept.partner AND f.reporting_month = kept.reporting_month;

-- A purge records the rows it kept because a release needs them.
ALTER TABLE audit.retention ADD COLUMN IF NOT EXISTS rows_kept_for_releases BIGINT;
