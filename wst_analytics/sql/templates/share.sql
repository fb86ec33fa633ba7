-- A percentage of two building blocks' rows (catalogue: `block`, the numerator's block, and
-- `of`, the denominator's): for every place and period, numerator and denominator are the
-- blocks' counts, the value 100 times their ratio (null where the denominator is 0). {block}
-- and {of} are plain names from the catalogue, never data.
WITH shares AS (
    SELECT area_type, area_code, period_type, period, count(*) AS n FROM marts.{block} GROUP BY ALL
), wholes AS (
    SELECT area_type, area_code, period_type, period, count(*) AS d FROM marts.{of} GROUP BY ALL
)
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown,
       100.0 * coalesce(s.n, 0) / nullif(w.d, 0) AS value,
       coalesce(s.n, 0) AS numerator, coalesce(w.d, 0) AS denominator
FROM marts.place_periods AS p
LEFT JOIN shares AS s USING (area_type, area_code, period_type, period)
LEFT JOIN wholes AS w USING (area_type, area_code, period_type, period)
