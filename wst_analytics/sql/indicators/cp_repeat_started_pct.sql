-- % of plans started in the period with previous_cpp_count >= 1.
WITH started AS (
    SELECT area_type, area_code, period_type, period, count(*) AS n, count(*) FILTER (previous_cpp_count >= 1) AS repeats
    FROM marts.cp_started_in_period GROUP BY ALL
)
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown,
       100.0 * coalesce(s.repeats, 0) / nullif(s.n, 0) AS value,
       coalesce(s.repeats, 0) AS numerator, coalesce(s.n, 0) AS denominator
FROM marts.place_periods AS p
LEFT JOIN started AS s USING (area_type, area_code, period_type, period)
