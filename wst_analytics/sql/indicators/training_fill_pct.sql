-- training_attended as % of training_places.
WITH places AS (SELECT period, sum(capacity) AS n FROM marts.training_sessions_in_period GROUP BY ALL),
attended AS (SELECT period, count(*) AS n FROM marts.training_bookings_in_period
             WHERE attendance = 'ATTENDED' GROUP BY ALL)
SELECT p.period, p.period_type, '' AS breakdown,
       100.0 * coalesce(a.n, 0) / nullif(s.n, 0) AS value,
       coalesce(a.n, 0) AS numerator, coalesce(s.n, 0) AS denominator
FROM marts.periods AS p
LEFT JOIN places AS s USING (period)
LEFT JOIN attended AS a USING (period)
