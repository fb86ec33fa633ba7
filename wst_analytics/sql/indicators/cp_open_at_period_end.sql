-- Plans with start <= last day and (end is null or end > last day).
SELECT p.period, p.period_type, '' AS breakdown, coalesce(o.n, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.periods AS p
LEFT JOIN (SELECT period, count(*) AS n FROM marts.cp_open_at_period_end GROUP BY ALL) AS o USING (period)
