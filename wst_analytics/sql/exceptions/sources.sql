-- marts.exception_sources: the file versions behind the figures, per partner and extract, for
-- the exception report's Notes (the analyst copy has no audit schema): how many versions were
-- loaded and not, the latest reporting month, and the latest file version's label and hash
-- (never a file's name).
CREATE OR REPLACE TABLE marts.exception_sources AS
SELECT partner, extract,
       count(*) FILTER (status = 'loaded') AS loaded,
       count(*) FILTER (status <> 'loaded') AS not_loaded,
       strftime(max(reporting_month), '%Y-%m') AS latest_month,
       arg_max(file_label, (reporting_month, version)) AS latest_file,
       arg_max(sha256, (reporting_month, version)) AS latest_sha256
FROM audit.file_versions
WHERE partner IS NOT NULL AND extract IS NOT NULL
GROUP BY ALL
ORDER BY partner, extract;
