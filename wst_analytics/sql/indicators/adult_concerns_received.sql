-- Concerns with date_received in the period.
SELECT p.period, p.period_type, '' AS breakdown, coalesce(c.n, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.periods AS p
LEFT JOIN (SELECT period, count(*) AS n FROM marts.adult_concerns_in_period GROUP BY ALL) AS c USING (period)
