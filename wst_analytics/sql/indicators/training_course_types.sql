-- Distinct course_code with a session in the period (with a booking from the place).
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown, coalesce(s.n, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.place_periods AS p
LEFT JOIN (SELECT area_type, area_code, period_type, period, count(DISTINCT course_code) AS n FROM marts.training_sessions_in_period
           GROUP BY ALL) AS s USING (area_type, area_code, period_type, period)
