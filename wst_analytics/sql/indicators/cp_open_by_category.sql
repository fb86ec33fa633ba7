-- Breakdown of cp_open_at_period_end by latest_category; every category, zeros included.
WITH counts AS (
    SELECT period, latest_category AS breakdown, count(*) AS n
    FROM marts.cp_open_at_period_end GROUP BY ALL
), totals AS (
    SELECT period, count(*) AS total FROM marts.cp_open_at_period_end GROUP BY ALL
)
SELECT p.period, p.period_type, k.code AS breakdown, coalesce(c.n, 0) AS value,
       coalesce(c.n, 0) AS numerator, coalesce(t.total, 0) AS denominator
FROM marts.periods AS p
CROSS JOIN (SELECT code FROM marts.codes WHERE extract = 'cp_plans' AND column_name = 'latest_category') AS k
LEFT JOIN counts AS c ON c.period = p.period AND c.breakdown = k.code
LEFT JOIN totals AS t ON t.period = p.period
