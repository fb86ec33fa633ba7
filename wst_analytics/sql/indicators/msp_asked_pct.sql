-- % of concluded S42 enquiries where msp_asked = Y.
WITH concluded AS (
    SELECT period, count(*) AS total, count(*) FILTER (msp_asked = 'Y') AS asked
    FROM marts.s42_concluded_in_period GROUP BY ALL
)
SELECT p.period, p.period_type, '' AS breakdown,
       100.0 * coalesce(c.asked, 0) / nullif(c.total, 0) AS value,
       coalesce(c.asked, 0) AS numerator, coalesce(c.total, 0) AS denominator
FROM marts.periods AS p
LEFT JOIN concluded AS c USING (period)
