-- audit: what arrived, what became of it, and the warehouse's own settings.
CREATE SCHEMA IF NOT EXISTS audit;
CREATE SCHEMA IF NOT EXISTS quarantine;
CREATE SCHEMA IF NOT EXISTS history;
CREATE SCHEMA IF NOT EXISTS core;

CREATE SEQUENCE IF NOT EXISTS audit.file_version_ids START 1;

-- One row per file version the pipeline took in (a path with given content, each time that
-- content appeared there), loaded or rejected. Superseded versions stay: see
-- audit.return_versions. Times are UTC.
CREATE TABLE IF NOT EXISTS audit.file_versions (
    file_version_id  BIGINT PRIMARY KEY,
    source_file      VARCHAR NOT NULL,   -- path under the drop folder
    sha256           VARCHAR NOT NULL,
    size_bytes       BIGINT,
    extract          VARCHAR,            -- null when the name does not fit the contract
    partner          VARCHAR,
    reporting_month  DATE,
    suffix           VARCHAR,            -- e.g. v2, resubmitted
    file_format      VARCHAR,            -- csv or xlsx
    encoding         VARCHAR,            -- utf-8, utf-8-sig, windows-1252 (csv only)
    received_at      TIMESTAMP,          -- the file's modification time: when it was dropped
    loaded_at        TIMESTAMP NOT NULL, -- when the pipeline read it
    load_id          VARCHAR,            -- the Dagster run that read it
    status           VARCHAR NOT NULL,   -- loaded or rejected
    reject_rule      VARCHAR,
    reason           VARCHAR,            -- why it was rejected, in plain English
    rows_read        BIGINT,             -- data rows read (null when the file could not be parsed)
    rows_loaded      BIGINT NOT NULL,
    rows_quarantined BIGINT NOT NULL,
    physical_lines   BIGINT,             -- csv only, header included
    blank_rows       BIGINT NOT NULL,
    unknown_columns  VARCHAR[],          -- header names not in the contract: never stored
    notes            VARCHAR[],
    duration_ms      BIGINT
);

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
    source_file    VARCHAR,
    source_row     INTEGER,
    message        VARCHAR NOT NULL
);

-- The loaded version of each return that counts: for every extract, partner and month, the
-- loaded file version received last. Versions are numbered in the order the pipeline took them
-- in: across loads, the order they arrived; within one load, by modification time, then name.
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
-- the few new ones: when a file's size, modification time, status-change time and inode are
-- what they were when it was hashed, its content is taken to be unchanged (as git and rsync
-- do; any write changes the status-change time, which no one can set back). Not a record of
-- anything: emptying it only makes the next load hash every file again.
CREATE TABLE IF NOT EXISTS audit.file_hashes (
    source_file VARCHAR PRIMARY KEY,
    size_bytes  BIGINT NOT NULL,
    mtime_ns    BIGINT NOT NULL,
    ctime_ns    BIGINT NOT NULL,
    inode       BIGINT NOT NULL,
    sha256      VARCHAR NOT NULL
);
