-- audit: what arrived, what became of it, and the warehouse's own settings.
CREATE SCHEMA IF NOT EXISTS audit;
CREATE SCHEMA IF NOT EXISTS quarantine;
CREATE SCHEMA IF NOT EXISTS history;
CREATE SCHEMA IF NOT EXISTS core;

CREATE SEQUENCE IF NOT EXISTS audit.file_version_ids START 1;

-- One row per file version the pipeline took in (a path with given content, each time that
-- content appeared there), loaded or rejected. Superseded versions stay: see
-- audit.return_versions. Times are UTC. Nothing here holds the file's name, or any text from
-- the file but what the contract defines: a file is its label, its return (extract, partner,
-- month), its version within that return, its content hash and what became of it. This
-- definition is the only list of the columns: the code that writes rows reads it.
CREATE TABLE IF NOT EXISTS audit.file_versions (
    file_version_id  BIGINT PRIMARY KEY,
    file_label       VARCHAR NOT NULL,   -- e.g. cp_plans/cwc-cs_2019-04 (version 2)
    path_key         VARCHAR NOT NULL,   -- keyed hash of the path: the same file seen again
    sha256           VARCHAR NOT NULL,   -- of the content (or what it is, for a file never read)
    size_bytes       BIGINT,
    extract          VARCHAR,            -- null when the file is in no extract's folder
    partner          VARCHAR,            -- null when the name does not fit the contract
    reporting_month  DATE,
    version          INTEGER,            -- 1, 2, ... within its return, in the order taken in
    file_format      VARCHAR,            -- csv or xlsx
    encoding         VARCHAR,            -- utf-8, utf-8-sig, windows-1252 (csv only)
    received_at      TIMESTAMP,          -- the file's modification time: when it was dropped
    loaded_at        TIMESTAMP NOT NULL, -- when the pipeline read it
    load_id          VARCHAR,            -- the Dagster run that read it
    status           VARCHAR NOT NULL,   -- loaded or rejected
    reject_rule      VARCHAR,
    reason           VARCHAR,            -- why it was rejected, in plain English (never quoting the file)
    rows_read        BIGINT,             -- data rows read (null when the file could not be parsed)
    rows_loaded      BIGINT NOT NULL,
    rows_quarantined BIGINT NOT NULL,
    physical_lines   BIGINT,             -- csv only, header included
    blank_rows       BIGINT NOT NULL,
    unknown_columns  BIGINT NOT NULL,    -- how many header cells name no contract column (never their text)
    notes            VARCHAR[],
    duration_ms      BIGINT
);

-- A warehouse built before labels replaced file names keeps partners' file names in its audit,
-- quarantine and core: it is refused, to be rebuilt from the drop folder (which holds every file).
SELECT CASE WHEN count(*) > 0 THEN error('this warehouse was built by an earlier version that '
    || 'stored partners'' file names (audit.file_versions.source_file), which may hold a '
    || 'person''s name: rebuild it: move the warehouse file aside and run `wst load` again') END
FROM duckdb_columns() WHERE schema_name = 'audit' AND table_name = 'file_versions'
  AND column_name = 'source_file';

-- One row per load of an extract (one asset materialisation).
CREATE TABLE IF NOT EXISTS audit.loads (
    load_id          VARCHAR NOT NULL,
    extract          VARCHAR NOT NULL,
    started_at       TIMESTAMP NOT NULL,
    finished_at      TIMESTAMP NOT NULL,
    files_loaded     BIGINT NOT NULL,
    files_rejected   BIGINT NOT NULL,
    rows_read        BIGINT NOT NULL,
    rows_loaded      BIGINT NOT NULL,
    rows_quarantined BIGINT NOT NULL
);

-- Settings the warehouse must keep: the pseudonymisation key check (not the key), whether it
-- holds sample data, when it was created.
CREATE TABLE IF NOT EXISTS audit.warehouse_info (
    name  VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- Cross-record findings that are not row errors (rebuilt after every load).
CREATE TABLE IF NOT EXISTS audit.data_quality_findings (
    finding        VARCHAR NOT NULL,   -- unknown_concern, overlapping_cp_plans, ...
    extract        VARCHAR NOT NULL,
    partner        VARCHAR NOT NULL,
    record         VARCHAR NOT NULL,   -- the record's pseudonymised key
    period         DATE,               -- when it applies (e.g. the enquiry's start)
    file_label     VARCHAR,            -- the file version it came from (audit.file_versions)
    source_row     INTEGER,
    message        VARCHAR NOT NULL,
    dfe_code       VARCHAR,            -- the CIN census rule's code (rule catalogue), if any
    kind           VARCHAR             -- error or query (docs/rules.md)
);
ALTER TABLE audit.data_quality_findings ADD COLUMN IF NOT EXISTS dfe_code VARCHAR;
ALTER TABLE audit.data_quality_findings ADD COLUMN IF NOT EXISTS kind VARCHAR;

-- The loaded version of each return that counts: for every extract, partner and month, the
-- loaded file version received last. Versions are numbered in the order the pipeline took them
-- in: across loads, the order they arrived; within one load, by modification time, then name
-- (the name orders them; it is not kept).
CREATE OR REPLACE VIEW audit.current_returns AS
SELECT *
FROM audit.file_versions
WHERE status = 'loaded'
QUALIFY row_number() OVER (
    PARTITION BY extract, partner, reporting_month ORDER BY file_version_id DESC) = 1;

-- Every file version with what became of it: current, superseded, rejected or purged.
CREATE OR REPLACE VIEW audit.return_versions AS
SELECT f.*,
       CASE WHEN f.status IN ('rejected', 'purged') THEN f.status
            WHEN c.file_version_id IS NOT NULL THEN 'current'
            ELSE 'superseded' END AS version_status
FROM audit.file_versions AS f
LEFT JOIN audit.current_returns AS c USING (file_version_id);

-- Every retention purge: what was removed, from which table, under which setting.
CREATE TABLE IF NOT EXISTS audit.retention (
    purged_at      TIMESTAMP NOT NULL,  -- UTC
    load_id        VARCHAR,
    retention_years INTEGER NOT NULL,
    cutoff_month   DATE NOT NULL,       -- returns for months before this were purged
    table_name     VARCHAR NOT NULL,
    rows_removed   BIGINT NOT NULL
);

-- A memo of the drop folder's file hashes, so a load does not read every file again to find
-- the few new ones (wst_analytics/hash_memo.py): a file whose device, inode, size, modification
-- time and status-change time are what they were when it was hashed is taken to be unchanged
-- (any write changes the status-change time, which no one can set back). It knows files by
-- inode, never by name. Not a record of anything: emptying it only makes the next load hash
-- every file again.
CREATE TABLE IF NOT EXISTS audit.file_hashes (
    device      BIGINT NOT NULL,
    inode       BIGINT NOT NULL,
    size_bytes  BIGINT NOT NULL,
    mtime_ns    BIGINT NOT NULL,
    ctime_ns    BIGINT NOT NULL,
    sha256      VARCHAR NOT NULL,
    PRIMARY KEY (device, inode)
);

-- What each derived asset (findings, marts, published tables, exceptions, the exception
-- report, the copies) was last built from: a hash of the warehouse's inputs
-- (wst_analytics/warehouse/freshness.py). When every one was built from the inputs as they
-- are and no file is new, a load has nothing to do and rebuilds nothing. Holds no data.
CREATE TABLE IF NOT EXISTS audit.derived_builds (
    asset       VARCHAR PRIMARY KEY,
    inputs      VARCHAR NOT NULL,       -- sha256 of the inputs (freshness.inputs_stamp)
    load_id     VARCHAR NOT NULL,       -- the Dagster run that built it
    built_at    TIMESTAMP NOT NULL      -- UTC
);
