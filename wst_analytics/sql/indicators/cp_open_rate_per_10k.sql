-- cp_open_at_period_end per 10,000 residents aged 0 to 17 of the place (the sum over its LAs),
-- from the population estimate for mid-YYYY (financial year YYYY-YY; a month uses its financial
-- year's). No row for a place and period without that estimate for every one of its LAs, or
-- where an LA's age bands do not split at 17/18.
WITH la_children AS (
    SELECT la_code, mid_year, sum(population) FILTER (age_to <= 17) AS residents
    FROM core.population
    GROUP BY ALL
    HAVING bool_and(age_from >= 0) AND NOT bool_or(age_from <= 17 AND age_to > 17)
),
children AS (
    SELECT m.area_type, m.area_code, c.mid_year, sum(c.residents) AS residents, count(*) AS las
    FROM la_children AS c JOIN marts.area_members AS m USING (la_code)
    GROUP BY ALL
),
members AS (SELECT area_type, area_code, count(*) AS las FROM marts.area_members GROUP BY ALL),
open_plans AS (SELECT area_type, area_code, period_type, period, count(*) AS n FROM marts.cp_open_at_period_end GROUP BY ALL)
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown,
       10000.0 * coalesce(o.n, 0) / c.residents AS value,
       coalesce(o.n, 0) AS numerator, c.residents AS denominator
FROM marts.place_periods AS p
JOIN children AS c
  ON c.area_type = p.area_type AND c.area_code = p.area_code AND c.mid_year = p.population_year
JOIN members AS m ON m.area_type = p.area_type AND m.area_code = p.area_code AND m.las = c.las
LEFT JOIN open_plans AS o
  ON o.area_type = p.area_type AND o.area_code = p.area_code AND o.period_type = p.period_type
 AND o.period = p.period
WHERE c.residents > 0
