-- The figures a release releases: every published cell of a period up to the end of the
-- release's financial year ($period, e.g. 2019-20; $last_month, e.g. 2020-03).
INSERT INTO releases.cells
SELECT $name, indicator_id, area_type, area_code, period, period_type, breakdown,
       value, value_text, symbol, completeness
FROM published.indicator_values
WHERE (period_type = 'financial_year' AND period <= $period)
   OR (period_type = 'month' AND period <= $last_month);
