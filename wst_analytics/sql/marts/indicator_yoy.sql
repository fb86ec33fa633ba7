-- marts.indicator_yoy: every financial-year row of marts.indicator_values with the same
-- indicator, place and breakdown in the previous financial year: change and change_pct (null
-- where there is no previous year, or its value is 0), and both years' completeness (an
-- `incomplete` year undercounts: tolerances compare complete years only).
CREATE OR REPLACE TABLE marts.indicator_yoy AS
SELECT cur.indicator_id, cur.area_type, cur.area_code, cur.period_type, cur.period, cur.breakdown,
       cur.value, prev.value AS previous_value,
       cur.value - prev.value AS change,
       100.0 * (cur.value - prev.value) / nullif(prev.value, 0) AS change_pct,
       prev_period.period AS previous_period,
       cur.completeness, prev.completeness AS previous_completeness
FROM marts.indicator_values AS cur
CROSS JOIN LATERAL (SELECT (CAST(left(cur.period, 4) AS INTEGER) - 1) || '-' || left(cur.period, 4)[3:] AS period) AS prev_period
LEFT JOIN marts.indicator_values AS prev
  ON prev.indicator_id = cur.indicator_id AND prev.area_type = cur.area_type
 AND prev.area_code = cur.area_code AND prev.breakdown = cur.breakdown
 AND prev.period_type = 'financial_year' AND prev.period = prev_period.period
WHERE cur.period_type = 'financial_year'
ORDER BY cur.indicator_id, cur.area_type, cur.area_code, cur.period, cur.breakdown;
