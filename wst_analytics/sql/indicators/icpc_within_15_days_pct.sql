-- % of ICPCs held in the period within 15 working days of the strategy discussion. Working
-- days exclude weekends and England and Wales bank holidays (marts.calendar, from the
-- `holidays` library): the days after the strategy discussion up to and including the ICPC.
-- ICPCs without a strategy discussion date cannot be timed and are left out of both counts.
WITH timed AS (
    SELECT c.icpc_date, icpc.working_day_number - strategy.working_day_number AS working_days
    FROM core.cp_plans AS c
    JOIN marts.calendar AS icpc ON icpc.date = c.icpc_date
    JOIN marts.calendar AS strategy ON strategy.date = c.strategy_discussion_date
)
SELECT p.period, p.period_type, '' AS breakdown,
       100.0 * count(t.icpc_date) FILTER (t.working_days <= 15) / nullif(count(t.icpc_date), 0) AS value,
       count(t.icpc_date) FILTER (t.working_days <= 15) AS numerator, count(t.icpc_date) AS denominator
FROM marts.periods AS p
LEFT JOIN timed AS t ON t.icpc_date BETWEEN p.start_date AND p.end_date
GROUP BY ALL
