-- marts.coverage: for each monthly extract, the months and financial years its returns cover:
-- every period lying wholly between its first and last reporting month with a current return.
-- marts.periods: every period any extract covers. Indicators are computed for the periods that
-- all their source extracts cover.
CREATE SCHEMA IF NOT EXISTS marts;

CREATE OR REPLACE TABLE marts.coverage AS
WITH spans AS (
    SELECT extract, min(reporting_month) AS first_month,
           last_day(max(reporting_month)) AS last_day
    FROM audit.current_returns
    WHERE extract <> 'population'
    GROUP BY extract
),
months AS (
    SELECT s.extract, m::DATE AS start_date, last_day(m::DATE) AS end_date
    FROM spans AS s, generate_series(s.first_month, s.last_day, INTERVAL 1 MONTH) AS t(m)
),
years AS (
    SELECT DISTINCT extract,
           make_date(year(start_date) - CASE WHEN month(start_date) < 4 THEN 1 ELSE 0 END, 4, 1) AS start_date
    FROM months
)
SELECT extract, strftime(start_date, '%Y-%m') AS period, 'month' AS period_type, start_date, end_date
FROM months
UNION ALL
SELECT y.extract,
       year(y.start_date) || '-' || right(CAST(year(y.start_date) + 1 AS VARCHAR), 2),
       'financial_year', y.start_date, (y.start_date + INTERVAL 1 YEAR - INTERVAL 1 DAY)::DATE
FROM years AS y JOIN spans AS s USING (extract)
WHERE y.start_date >= s.first_month AND y.start_date + INTERVAL 1 YEAR - INTERVAL 1 DAY <= s.last_day;

CREATE OR REPLACE TABLE marts.periods AS
SELECT DISTINCT period, period_type, start_date, end_date,
       -- the population estimate a period uses: mid-YYYY for financial year YYYY-YY
       year(start_date) - CASE WHEN month(start_date) < 4 THEN 1 ELSE 0 END AS population_year
FROM marts.coverage
ORDER BY period_type, start_date;
