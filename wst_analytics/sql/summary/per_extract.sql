-- What one load (Dagster run $run_id) took in, per extract: files loaded and rejected, rows read,
-- loaded and quarantined. The files outside every extract's folder come last (extract null).
SELECT extract, count(*) FILTER (status = 'loaded') AS loaded, count(*) FILTER (status = 'rejected'),
       coalesce(sum(rows_read), 0), sum(rows_loaded), sum(rows_quarantined)
FROM audit.file_versions WHERE load_id = $run_id GROUP BY ALL ORDER BY extract NULLS LAST
