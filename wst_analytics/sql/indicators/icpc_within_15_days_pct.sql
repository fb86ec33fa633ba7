-- % of ICPCs held in the period within 15 working days of the strategy discussion. Working
-- days exclude weekends and England and Wales bank holidays (marts.calendar, from the
-- `holidays` library): the days after the strategy discussion up to and including the ICPC.
-- ICPCs without a strategy discussion date cannot be timed and are left out of both counts.
WITH held AS (
    SELECT area_type, area_code, period_type, period, count(*) AS n,
           count(*) FILTER (working_days <= 15) AS in_time
    FROM marts.icpc_in_period GROUP BY ALL
)
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown,
       100.0 * coalesce(h.in_time, 0) / nullif(h.n, 0) AS value,
       coalesce(h.in_time, 0) AS numerator, coalesce(h.n, 0) AS denominator
FROM marts.place_periods AS p
LEFT JOIN held AS h USING (area_type, area_code, period_type, period)
