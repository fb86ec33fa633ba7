-- marts.coverage: for each place (every LA, every partnership) and monthly extract, the months
-- and financial years its returns cover: every period lying wholly between the first and last
-- reporting month with a current return from a partner serving each of the place's LAs.
-- Takes the monthly extracts' names as parameter $monthly; marts.area_members and
-- marts.partner_areas (from the registry) are already built.
CREATE OR REPLACE TABLE marts.coverage AS
WITH spans AS (
    SELECT r.extract, a.la_code, min(r.reporting_month) AS first_month,
           last_day(max(r.reporting_month)) AS last_day
    FROM audit.current_returns AS r
    JOIN marts.partner_areas AS a USING (partner)
    WHERE list_contains($monthly, r.extract)
    GROUP BY ALL
),
months AS (
    SELECT s.extract, s.la_code, m::DATE AS start_date, last_day(m::DATE) AS end_date
    FROM spans AS s, generate_series(s.first_month, s.last_day, INTERVAL 1 MONTH) AS t(m)
),
years AS (
    SELECT DISTINCT extract, la_code,
           make_date(year(start_date) - CASE WHEN month(start_date) < 4 THEN 1 ELSE 0 END, 4, 1) AS start_date
    FROM months
),
la_periods AS (
    SELECT extract, la_code, 'month' AS period_type, strftime(start_date, '%Y-%m') AS period,
           start_date, end_date
    FROM months
    UNION ALL
    SELECT y.extract, y.la_code, 'financial_year',
           year(y.start_date) || '-' || right(CAST(year(y.start_date) + 1 AS VARCHAR), 2),
           y.start_date, (y.start_date + INTERVAL 1 YEAR - INTERVAL 1 DAY)::DATE
    FROM years AS y JOIN spans AS s USING (extract, la_code)
    WHERE y.start_date >= s.first_month AND y.start_date + INTERVAL 1 YEAR - INTERVAL 1 DAY <= s.last_day
),
member_counts AS (
    SELECT area_type, area_code, count(*) AS las FROM marts.area_members GROUP BY ALL
)
SELECT m.area_type, m.area_code, p.extract, p.period_type, p.period, p.start_date, p.end_date
FROM la_periods AS p
JOIN marts.area_members AS m USING (la_code)
JOIN member_counts AS c ON c.area_type = m.area_type AND c.area_code = m.area_code
GROUP BY ALL
HAVING count(*) = any_value(c.las);  -- joined, not a correlated subquery: DuckDB 1.5 binds none in HAVING with GROUP BY ALL
