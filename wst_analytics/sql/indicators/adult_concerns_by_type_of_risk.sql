-- Concerns received in the period by type of risk; a concern counts once under each of its
-- types, so the breakdown sums to more than the total (the denominator). Zeros included.
WITH counts AS (
    SELECT c.period, r.type_of_risk AS breakdown, count(*) AS n
    FROM marts.adult_concerns_in_period AS c
    JOIN core.adult_concern_risk_types AS r USING (partner, concern_id)
    GROUP BY ALL
), totals AS (
    SELECT period, count(*) AS total FROM marts.adult_concerns_in_period GROUP BY ALL
)
SELECT p.period, p.period_type, k.code AS breakdown, coalesce(c.n, 0) AS value,
       coalesce(c.n, 0) AS numerator, coalesce(t.total, 0) AS denominator
FROM marts.periods AS p
CROSS JOIN (SELECT code FROM marts.codes WHERE extract = 'adult_concerns' AND column_name = 'types_of_risk') AS k
LEFT JOIN counts AS c ON c.period = p.period AND c.breakdown = k.code
LEFT JOIN totals AS t ON t.period = p.period
