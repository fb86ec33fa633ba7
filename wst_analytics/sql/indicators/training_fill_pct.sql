-- training_attended as % of training_places.
WITH places AS (SELECT area_type, area_code, period_type, period, sum(capacity) AS n FROM marts.training_sessions_in_period GROUP BY ALL),
attended AS (SELECT area_type, area_code, period_type, period, count(*) AS n FROM marts.training_attended_in_period GROUP BY ALL)
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown,
       100.0 * coalesce(a.n, 0) / nullif(s.n, 0) AS value,
       coalesce(a.n, 0) AS numerator, coalesce(s.n, 0) AS denominator
FROM marts.place_periods AS p
LEFT JOIN places AS s USING (area_type, area_code, period_type, period)
LEFT JOIN attended AS a USING (area_type, area_code, period_type, period)
