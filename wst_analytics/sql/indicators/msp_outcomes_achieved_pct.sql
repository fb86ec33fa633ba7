-- Of concluded S42 enquiries with msp_expressed = Y, % with msp_achieved FULLY or PARTIALLY.
WITH expressed AS (
    SELECT area_type, area_code, period_type, period, count(*) AS total,
           count(*) FILTER (msp_achieved IN ('FULLY', 'PARTIALLY')) AS achieved
    FROM marts.s42_concluded_in_period WHERE msp_expressed = 'Y' GROUP BY ALL
)
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown,
       100.0 * coalesce(e.achieved, 0) / nullif(e.total, 0) AS value,
       coalesce(e.achieved, 0) AS numerator, coalesce(e.total, 0) AS denominator
FROM marts.place_periods AS p
LEFT JOIN expressed AS e USING (area_type, area_code, period_type, period)
