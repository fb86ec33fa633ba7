-- marts.return_timeliness: for every return due (marts.returns_due, from the partner registry),
-- when its first loaded version was received and whether that was on time. A return is
-- received when a version of it loads; a rejected file does not count. Received time is the
-- file's modification time, or when it was loaded if that is earlier (a copied file can keep
-- an old time, never a future one). A received return for a month before the partner's
-- late_from (marts.returns_due.backfill) is 'backfill': history, its lateness not judged.
CREATE OR REPLACE TABLE marts.return_timeliness AS
WITH first_loaded AS (
    SELECT extract, partner, reporting_month,
           arg_min(least(received_at, loaded_at), file_version_id) AS received_at
    FROM audit.file_versions
    WHERE status IN ('loaded', 'purged')
    GROUP BY ALL
), current_rows AS (
    SELECT extract, partner, reporting_month, rows_read, rows_loaded, rows_quarantined
    FROM audit.current_returns
)
SELECT d.partner, d.organisation, d.extract, d.reporting_month, d.due_date, f.received_at,
       CASE WHEN f.received_at IS NULL THEN 'missing'
            WHEN d.backfill THEN 'backfill'
            WHEN CAST(f.received_at AS DATE) <= d.due_date THEN 'on_time'
            ELSE 'late' END AS status,
       date_diff('day', d.due_date, CAST(f.received_at AS DATE)) AS days_late,
       c.rows_read, c.rows_loaded, c.rows_quarantined
FROM marts.returns_due AS d
LEFT JOIN first_loaded AS f USING (extract, partner, reporting_month)
LEFT JOIN current_rows AS c USING (extract, partner, reporting_month)
ORDER BY d.partner, d.extract, d.reporting_month;

-- marts.partner_scorecard: per partner and extract over the scorecard's months: timeliness
-- (returns on time, of those due and not backfill), completeness (returns received, of those due) and validity
-- (rows loaded, of rows read in the current versions).
CREATE OR REPLACE TABLE marts.partner_scorecard AS
SELECT partner, organisation, extract,
       min(reporting_month) AS first_month, max(reporting_month) AS last_month,
       count(*) AS returns_due,
       count(*) FILTER (status <> 'missing') AS returns_received,
       count(*) FILTER (status = 'on_time') AS returns_on_time,
       count(*) FILTER (status = 'backfill') AS returns_backfill,
       round(100.0 * count(*) FILTER (status = 'on_time')
             / nullif(count(*) FILTER (status <> 'backfill'), 0), 1) AS timeliness_pct,
       round(100.0 * count(*) FILTER (status <> 'missing') / count(*), 1) AS completeness_pct,
       sum(rows_read) AS rows_read, sum(rows_loaded) AS rows_loaded,
       round(100.0 * sum(rows_loaded) / nullif(sum(rows_read), 0), 2) AS validity_pct
FROM marts.return_timeliness
WHERE reporting_month >= CAST(? AS DATE) AND reporting_month <= CAST(? AS DATE)
GROUP BY ALL
ORDER BY partner, extract;
