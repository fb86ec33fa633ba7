-- marts.periods: every period any place covers (marts.coverage). marts.place_periods: every
-- place and period. Indicators are computed for the places and periods that all their source
-- extracts cover.
CREATE OR REPLACE TABLE marts.periods AS
SELECT DISTINCT period_type, period, start_date, end_date,
       -- the population estimate a period uses: mid-YYYY for financial year YYYY-YY
       year(start_date) - CASE WHEN month(start_date) < 4 THEN 1 ELSE 0 END AS population_year
FROM marts.coverage
ORDER BY period_type, start_date;

CREATE OR REPLACE TABLE marts.place_periods AS
SELECT a.area_type, a.area_code, p.*
FROM marts.areas AS a CROSS JOIN marts.periods AS p
ORDER BY a.area_type, a.area_code, p.period_type, p.start_date;
