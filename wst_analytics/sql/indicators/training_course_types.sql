-- Distinct course_code with a session in the period.
SELECT p.period, p.period_type, '' AS breakdown, coalesce(s.n, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.periods AS p
LEFT JOIN (SELECT period, count(DISTINCT course_code) AS n FROM marts.training_sessions_in_period
           GROUP BY ALL) AS s USING (period)
