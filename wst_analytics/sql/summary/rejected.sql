-- The file versions one load rejected, by label, with the reason.
SELECT file_label, reason FROM audit.file_versions
WHERE load_id = $run_id AND status = 'rejected' ORDER BY file_version_id
