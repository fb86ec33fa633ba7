-- Concerns received in the period by age when received; every band, zeros included.
WITH banded AS (
    SELECT period,
           CASE WHEN age IS NULL THEN 'not_known'
                WHEN age <= 18 THEN '18_or_under'
                WHEN age <= 29 THEN '19-29'
                WHEN age >= 90 THEN '90_plus'
                ELSE (age // 10 * 10) || '-' || (age // 10 * 10 + 9) END AS breakdown
    FROM marts.adult_concerns_in_period
), counts AS (
    SELECT period, breakdown, count(*) AS n FROM banded GROUP BY ALL
), totals AS (
    SELECT period, count(*) AS total FROM banded GROUP BY ALL
), bands AS (
    SELECT * FROM (VALUES ('18_or_under'), ('19-29'), ('30-39'), ('40-49'), ('50-59'), ('60-69'),
                          ('70-79'), ('80-89'), ('90_plus'), ('not_known')) AS b(code)
)
SELECT p.period, p.period_type, b.code AS breakdown, coalesce(c.n, 0) AS value,
       coalesce(c.n, 0) AS numerator, coalesce(t.total, 0) AS denominator
FROM marts.periods AS p
CROSS JOIN bands AS b
LEFT JOIN counts AS c ON c.period = p.period AND c.breakdown = b.code
LEFT JOIN totals AS t ON t.period = p.period
