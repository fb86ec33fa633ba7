-- One load's quarantined rows by extract and rule (a row breaking two rules counts under each).
SELECT q.extract, q.rule, count(DISTINCT (q.file_version_id, q.source_row)) AS n
FROM quarantine.rows AS q JOIN audit.file_versions AS f USING (file_version_id)
WHERE f.load_id = $run_id GROUP BY ALL ORDER BY q.extract, n DESC, q.rule
