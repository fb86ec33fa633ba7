-- S42 enquiries with end_date in the period.
SELECT p.period, p.period_type, '' AS breakdown, coalesce(e.n, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.periods AS p
LEFT JOIN (SELECT period, count(*) AS n FROM marts.s42_concluded_in_period GROUP BY ALL) AS e USING (period)
