-- Concerns received in the period by location_of_risk; every location, zeros included.
WITH counts AS (
    SELECT period, location_of_risk AS breakdown, count(*) AS n
    FROM marts.adult_concerns_in_period GROUP BY ALL
), totals AS (
    SELECT period, count(*) AS total FROM marts.adult_concerns_in_period GROUP BY ALL
)
SELECT p.period, p.period_type, k.code AS breakdown, coalesce(c.n, 0) AS value,
       coalesce(c.n, 0) AS numerator, coalesce(t.total, 0) AS denominator
FROM marts.periods AS p
CROSS JOIN (SELECT code FROM marts.codes WHERE extract = 'adult_concerns' AND column_name = 'location_of_risk') AS k
LEFT JOIN counts AS c ON c.period = p.period AND c.breakdown = k.code
LEFT JOIN totals AS t ON t.period = p.period
