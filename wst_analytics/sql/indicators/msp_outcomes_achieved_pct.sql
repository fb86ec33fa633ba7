-- Of concluded S42 enquiries with msp_expressed = Y, % with msp_achieved FULLY or PARTIALLY.
WITH expressed AS (
    SELECT period, count(*) AS total,
           count(*) FILTER (msp_achieved IN ('FULLY', 'PARTIALLY')) AS achieved
    FROM marts.s42_concluded_in_period WHERE msp_expressed = 'Y' GROUP BY ALL
)
SELECT p.period, p.period_type, '' AS breakdown,
       100.0 * coalesce(e.achieved, 0) / nullif(e.total, 0) AS value,
       coalesce(e.achieved, 0) AS numerator, coalesce(e.total, 0) AS denominator
FROM marts.periods AS p
LEFT JOIN expressed AS e USING (period)
