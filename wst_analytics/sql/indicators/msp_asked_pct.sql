-- % of concluded S42 enquiries where msp_asked = Y.
WITH concluded AS (
    SELECT area_type, area_code, period_type, period, count(*) AS total, count(*) FILTER (msp_asked = 'Y') AS asked
    FROM marts.s42_concluded_in_period GROUP BY ALL
)
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown,
       100.0 * coalesce(c.asked, 0) / nullif(c.total, 0) AS value,
       coalesce(c.asked, 0) AS numerator, coalesce(c.total, 0) AS denominator
FROM marts.place_periods AS p
LEFT JOIN concluded AS c USING (area_type, area_code, period_type, period)
