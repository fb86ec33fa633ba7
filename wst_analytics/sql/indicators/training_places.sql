-- Sum of capacity over the sessions held in the period (a session's capacity is the largest
-- its bookings state).
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown, coalesce(s.n, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.place_periods AS p
LEFT JOIN (SELECT area_type, area_code, period_type, period, sum(capacity) AS n FROM marts.training_sessions_in_period GROUP BY ALL) AS s USING (area_type, area_code, period_type, period)
