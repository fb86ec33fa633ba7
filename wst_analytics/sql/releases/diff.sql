-- What has changed since release $name, cell by cell: each figure it released whose value or
-- printed text is now different (or gone), and each figure now published for a period it
-- covered that it did not hold; beside each, the file versions received since that could
-- have changed it: current versions of the indicator's sources (release_sources: indicator_id,
-- extract), from a partner serving the cell's place, not behind the release; those of the
-- cell's own period when there are any.
WITH released AS (
    SELECT * FROM releases.cells WHERE release_name = $name
), now AS (
    SELECT indicator_id, area_type, area_code, period, period_type, breakdown, value, value_text
    FROM published.indicator_values
    WHERE (period_type = 'financial_year' AND period <= $period)
       OR (period_type = 'month' AND period <= $last_month)
), changed AS (
    SELECT coalesce(r.indicator_id, n.indicator_id) AS indicator_id,
           coalesce(r.area_type, n.area_type) AS area_type, coalesce(r.area_code, n.area_code) AS area_code,
           coalesce(r.period_type, n.period_type) AS period_type, coalesce(r.period, n.period) AS period,
           coalesce(r.breakdown, n.breakdown) AS breakdown,
           r.value AS released_value, r.value_text AS released_text,
           n.value AS current_value, n.value_text AS current_text
    FROM released AS r
    FULL JOIN now AS n
      ON r.indicator_id = n.indicator_id AND r.area_type IS NOT DISTINCT FROM n.area_type
     AND r.area_code IS NOT DISTINCT FROM n.area_code AND r.period_type = n.period_type
     AND r.period = n.period AND r.breakdown = n.breakdown
    WHERE r.value IS DISTINCT FROM n.value OR r.value_text IS DISTINCT FROM n.value_text
), since AS (
    SELECT f.* FROM audit.current_returns AS f
    WHERE f.file_version_id NOT IN (SELECT file_version_id FROM releases.file_versions WHERE release_name = $name)
), causes AS (
    SELECT c.indicator_id, c.area_type, c.area_code, c.period_type, c.period, c.breakdown,
           f.file_label, f.version, f.received_at,
           f.reporting_month BETWEEN p.start_date AND p.end_date AS in_period
    FROM changed AS c
    JOIN release_sources AS s USING (indicator_id)
    JOIN marts.area_members AS m ON m.area_type = c.area_type AND m.area_code = c.area_code
    JOIN marts.partner_areas AS pa ON pa.la_code = m.la_code
    JOIN since AS f ON f.extract = s.extract AND f.partner = pa.partner
    LEFT JOIN marts.periods AS p ON p.period_type = c.period_type AND p.period = c.period
    QUALIFY in_period OR NOT bool_or(in_period) OVER (
        PARTITION BY c.indicator_id, c.area_type, c.area_code, c.period_type, c.period, c.breakdown)
)
SELECT c.*,
       list(DISTINCT {'file_label': k.file_label, 'version': k.version, 'received_at': k.received_at}
            ORDER BY {'file_label': k.file_label, 'version': k.version, 'received_at': k.received_at})
           FILTER (WHERE k.file_label IS NOT NULL) AS caused_by
FROM changed AS c
LEFT JOIN causes AS k USING (indicator_id, area_type, area_code, period_type, period, breakdown)
GROUP BY ALL
ORDER BY c.indicator_id, c.area_type, c.area_code, c.period_type, c.period, c.breakdown;
