-- Sum of capacity over the sessions held in the period (a session's capacity is the largest
-- its bookings state).
SELECT p.period, p.period_type, '' AS breakdown, coalesce(s.n, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.periods AS p
LEFT JOIN (SELECT period, sum(capacity) AS n FROM marts.training_sessions_in_period GROUP BY ALL) AS s USING (period)
