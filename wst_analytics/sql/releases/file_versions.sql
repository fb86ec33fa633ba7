-- The file versions behind a release: the current version of every return (monthly and
-- reference) when it is made.
INSERT INTO releases.file_versions
SELECT DISTINCT $name, file_version_id FROM audit.current_returns;
