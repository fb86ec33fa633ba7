-- Breakdown of cp_open_at_period_end by age on the last day; every band, zeros included
-- (18_plus appears only if a plan is open for someone aged 18 or more: a data error).
WITH counts AS (
    SELECT period, age_band AS breakdown, count(*) AS n
    FROM marts.cp_open_at_period_end GROUP BY ALL
), totals AS (
    SELECT period, count(*) AS total FROM marts.cp_open_at_period_end GROUP BY ALL
), bands AS (
    SELECT * FROM (VALUES ('unborn'), ('under_1'), ('1-4'), ('5-9'), ('10-15'), ('16-17')) AS b(code)
    UNION SELECT DISTINCT age_band FROM marts.cp_open_at_period_end
)
SELECT p.period, p.period_type, b.code AS breakdown, coalesce(c.n, 0) AS value,
       coalesce(c.n, 0) AS numerator, coalesce(t.total, 0) AS denominator
FROM marts.periods AS p
CROSS JOIN bands AS b
LEFT JOIN counts AS c ON c.period = p.period AND c.breakdown = b.code
LEFT JOIN totals AS t ON t.period = p.period
