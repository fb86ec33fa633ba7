-- quarantine: every failing row, named by file version (its label, never the file's name) and
-- row number, never by its values (they may hold identifiers). A row appears once per rule it breaks. record_key is the record's key
-- with its identifiers pseudonymised (as core.*.record_key), when the key could be read.
CREATE TABLE IF NOT EXISTS quarantine.rows (
    file_version_id BIGINT NOT NULL,
    extract         VARCHAR NOT NULL,
    partner         VARCHAR NOT NULL,
    reporting_month DATE NOT NULL,
    file_label      VARCHAR NOT NULL,   -- as audit.file_versions.file_label
    source_row      INTEGER NOT NULL,   -- spreadsheet row: the header is row 1
    "column"        VARCHAR NOT NULL,
    rule            VARCHAR NOT NULL,
    message         VARCHAR NOT NULL,
    record_key      VARCHAR,
    dfe_code        VARCHAR,            -- the CIN census rule's code, from the rule catalogue
    kind            VARCHAR             -- error: a quarantined row is one (docs/rules.md)
);
-- A warehouse made before rules carried their codes gains the columns.
ALTER TABLE quarantine.rows ADD COLUMN IF NOT EXISTS dfe_code VARCHAR;
ALTER TABLE quarantine.rows ADD COLUMN IF NOT EXISTS kind VARCHAR;
