-- The figures behind the data-quality exceptions, one query per kind (split on ';').

-- Rejected file versions: whether a later version of the same return loaded since.
SELECT f.file_label, f.extract, f.partner, f.reporting_month, f.reason,
       EXISTS (SELECT 1 FROM audit.file_versions AS l
               WHERE l.status = 'loaded' AND l.extract = f.extract AND l.partner = f.partner
                 AND l.reporting_month = f.reporting_month AND l.file_version_id > f.file_version_id) AS replaced,
       EXISTS (SELECT 1 FROM audit.file_versions AS l
               WHERE l.status = 'loaded' AND l.extract = f.extract AND l.partner = f.partner
                 AND l.reporting_month = f.reporting_month) AS return_loaded
FROM audit.file_versions AS f
WHERE f.status = 'rejected'
  AND NOT EXISTS (SELECT 1 FROM audit.file_versions AS later  -- the file is still as it was then
                  WHERE later.path_key = f.path_key AND later.file_version_id > f.file_version_id
                    AND later.status = 'loaded')
ORDER BY f.reporting_month NULLS FIRST, f.file_version_id;

-- Quarantine rate of each current return.
SELECT extract, partner, reporting_month, file_label, rows_read, rows_quarantined,
       rows_quarantined / rows_read AS rate
FROM audit.current_returns
WHERE rows_read > 0 AND extract <> 'population'
ORDER BY reporting_month, partner, extract;

-- Cross-record findings, counted per finding, extract and partner.
SELECT finding, extract, partner, count(*) AS records, min(period) AS first_period, max(period) AS last_period
FROM audit.data_quality_findings
GROUP BY ALL
ORDER BY finding, extract, partner;

-- Each partner's latest return against the median of its six before (rows read).
WITH ordered AS (
    SELECT extract, partner, reporting_month, rows_read,
           median(rows_read) OVER (PARTITION BY extract, partner ORDER BY reporting_month
                                   ROWS BETWEEN 6 PRECEDING AND 1 PRECEDING) AS usual,
           count(*) OVER (PARTITION BY extract, partner ORDER BY reporting_month
                          ROWS BETWEEN 6 PRECEDING AND 1 PRECEDING) AS months_before,
           row_number() OVER (PARTITION BY extract, partner ORDER BY reporting_month DESC) AS recency
    FROM audit.current_returns
    WHERE extract <> 'population'
)
SELECT extract, partner, reporting_month, rows_read, usual, 1 - rows_read / usual AS drop
FROM ordered
WHERE recency = 1 AND months_before = 6 AND usual > 0
ORDER BY partner, extract
