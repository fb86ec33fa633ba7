-- % of ICPCs held in the period within 15 working days of the strategy discussion. Working
-- days exclude weekends and England and Wales bank holidays (marts.calendar, from the
-- `holidays` library): the days after the strategy discussion up to and including the ICPC.
-- ICPCs without a strategy discussion date cannot be timed and are left out of both counts.
WITH timed AS (
    SELECT c.area_type, c.area_code, c.icpc_date,
           icpc.working_day_number - strategy.working_day_number AS working_days
    FROM marts.cp_plans_by_place AS c
    JOIN marts.calendar AS icpc ON icpc.date = c.icpc_date
    JOIN marts.calendar AS strategy ON strategy.date = c.strategy_discussion_date
),
held AS (
    SELECT p.area_type, p.area_code, p.period_type, p.period, count(*) AS n,
           count(*) FILTER (t.working_days <= 15) AS in_time
    FROM marts.place_periods AS p
    JOIN timed AS t ON t.area_type = p.area_type AND t.area_code = p.area_code
     AND t.icpc_date BETWEEN p.start_date AND p.end_date
    GROUP BY ALL
)
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown,
       100.0 * coalesce(h.in_time, 0) / nullif(h.n, 0) AS value,
       coalesce(h.in_time, 0) AS numerator, coalesce(h.n, 0) AS denominator
FROM marts.place_periods AS p
LEFT JOIN held AS h USING (area_type, area_code, period_type, period)
