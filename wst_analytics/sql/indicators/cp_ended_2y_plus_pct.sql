-- % of plans ended in the period that lasted two years or more (end on or after the second
-- anniversary of the start).
WITH ended AS (
    SELECT area_type, area_code, period_type, period, count(*) AS n,
           count(*) FILTER (cpp_end_date >= cpp_start_date + INTERVAL 2 YEAR) AS long
    FROM marts.cp_ended_in_period GROUP BY ALL
)
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown,
       100.0 * coalesce(e.long, 0) / nullif(e.n, 0) AS value,
       coalesce(e.long, 0) AS numerator, coalesce(e.n, 0) AS denominator
FROM marts.place_periods AS p
LEFT JOIN ended AS e USING (area_type, area_code, period_type, period)
