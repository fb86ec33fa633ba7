-- The records of one extract whose current version a load may have changed, and that version.
--
-- A load changes the winning row only for keys with a row in a return it touched: a new file
-- version of (partner, month) brings rows, and makes the earlier versions of that return
-- superseded, whose rows stop counting. So the keys to redo are those with a row in any version
-- of a (partner, month) the load took a file version of; their current version is then found
-- as core/current_version.sql finds it, but among their rows only. The load's new file version
-- ids are in the temporary table load_versions.
--
-- {extract}, {key}, {key_columns}, {key_match} and {record_key} are made from the extract's
-- schema, never from data.
CREATE OR REPLACE TEMP TABLE changed_keys AS
WITH touched AS (
    SELECT DISTINCT extract, partner, reporting_month FROM audit.file_versions
    SEMI JOIN load_versions USING (file_version_id)
    WHERE status = 'loaded'
),
versions AS (
    SELECT f.file_version_id FROM audit.file_versions AS f
    SEMI JOIN touched AS t
        ON f.extract = t.extract AND f.partner = t.partner AND f.reporting_month = t.reporting_month
)
SELECT DISTINCT h.partner, {key_columns}
FROM history.{extract} AS h
SEMI JOIN versions USING (file_version_id);

CREATE OR REPLACE TEMP TABLE changed_records AS
SELECT h.*, r.file_label, {record_key} AS record_key
FROM history.{extract} AS h
SEMI JOIN changed_keys AS k ON h.partner = k.partner AND {key_match}
JOIN audit.current_returns AS r USING (file_version_id)
QUALIFY row_number() OVER (
    PARTITION BY h.partner, {key}
    ORDER BY h.reporting_month DESC, h.file_version_id DESC) = 1;
