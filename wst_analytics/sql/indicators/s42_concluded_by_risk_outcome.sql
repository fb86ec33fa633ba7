-- S42 enquiries concluded in the period by risk_outcome; every outcome, zeros included.
WITH counts AS (
    SELECT period, risk_outcome AS breakdown, count(*) AS n FROM marts.s42_concluded_in_period GROUP BY ALL
), totals AS (
    SELECT period, count(*) AS total FROM marts.s42_concluded_in_period GROUP BY ALL
)
SELECT p.period, p.period_type, k.code AS breakdown, coalesce(c.n, 0) AS value,
       coalesce(c.n, 0) AS numerator, coalesce(t.total, 0) AS denominator
FROM marts.periods AS p
CROSS JOIN (SELECT code FROM marts.codes WHERE extract = 's42_enquiries' AND column_name = 'risk_outcome') AS k
LEFT JOIN counts AS c ON c.period = p.period AND c.breakdown = k.code
LEFT JOIN totals AS t ON t.period = p.period
