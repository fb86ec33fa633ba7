-- Child-abuse-related incidents recorded in the period.
SELECT p.period, p.period_type, '' AS breakdown, coalesce(i.n, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.periods AS p
LEFT JOIN (SELECT period, count(*) AS n FROM marts.police_incidents_in_period GROUP BY ALL) AS i USING (period)
