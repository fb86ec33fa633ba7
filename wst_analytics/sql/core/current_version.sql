-- core.{extract}: the current version of every record of one extract.
--
-- Only the current version of each return counts (for each extract, partner and month, the
-- loaded file received last). Among those, for each key the row from the latest reporting
-- month wins. A key whose winning row says record_status = 'deleted' is left out; history
-- keeps it. Every row carries its lineage: file_version_id, file_label and source_row, and
-- its key as one text (record_key, as quarantine.rows records it).
--
-- {extract}, {key} and {record_key} are made from the extract's schema, never from data.
CREATE OR REPLACE TABLE core.{extract} AS
WITH ranked AS (
    SELECT h.*, r.file_label, {record_key} AS record_key
    FROM history.{extract} AS h
    JOIN audit.current_returns AS r USING (file_version_id)
    QUALIFY row_number() OVER (
        PARTITION BY h.partner, {key}
        ORDER BY h.reporting_month DESC, h.file_version_id DESC) = 1
)
SELECT * EXCLUDE (record_status)
FROM ranked
WHERE record_status = 'active';  -- unordered: sorting millions of rows costs more than it saves
