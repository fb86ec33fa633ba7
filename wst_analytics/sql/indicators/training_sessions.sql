-- Distinct (course_code, session_date) in the period.
SELECT p.period, p.period_type, '' AS breakdown, coalesce(s.n, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.periods AS p
LEFT JOIN (SELECT period, count(*) AS n FROM marts.training_sessions_in_period GROUP BY ALL) AS s USING (period)
