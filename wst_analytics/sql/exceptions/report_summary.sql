-- The exception report's "every indicator" table for one place ($area_type, $area_code): each
-- indicator's latest month (marts.spc_summary), its latest financial year against the one
-- before (marts.indicator_yoy) and its worst exception, attention first.
WITH latest_year AS (
    SELECT indicator_id, value AS year_value, period AS year, change_pct
    FROM marts.indicator_yoy
    WHERE area_type = $area_type AND area_code = $area_code AND period_type = 'financial_year'
      AND breakdown = ''
    QUALIFY row_number() OVER (PARTITION BY indicator_id ORDER BY period DESC) = 1
), summary AS (
    SELECT * FROM marts.spc_summary WHERE area_type = $area_type AND area_code = $area_code
), worst AS (
    SELECT indicator_id, min(CASE severity WHEN 'red' THEN 0 ELSE 1 END) AS worst, count(*) AS exceptions
    FROM marts.exceptions
    WHERE area_type = $area_type AND area_code = $area_code AND indicator_id IS NOT NULL
    GROUP BY ALL
)
SELECT i.id AS indicator_id, i.title, i.unit, i.polarity, s.latest_period, s.latest_value, s.variation,
       s.assurance, s.trial_limits, y.year, y.year_value, y.change_pct, coalesce(w.exceptions, 0) AS exceptions,
       CASE w.worst WHEN 0 THEN 'red' WHEN 1 THEN 'amber' END AS worst
FROM marts.indicators AS i
LEFT JOIN summary AS s ON s.indicator_id = i.id
LEFT JOIN latest_year AS y ON y.indicator_id = i.id
LEFT JOIN worst AS w ON w.indicator_id = i.id
ORDER BY coalesce(w.worst, 2), CASE WHEN s.variation LIKE 'concern%' THEN 0
                                   WHEN s.variation LIKE 'improvement%' OR s.variation LIKE 'neither%' THEN 1
                                   ELSE 2 END, i.id
