-- cp_open_at_period_end per 10,000 residents aged 0 to 17, from the population estimate for
-- mid-YYYY (financial year YYYY-YY; a month uses its financial year's). No row for a period
-- without that estimate, or whose age bands do not split at 17/18.
WITH children AS (
    SELECT mid_year, sum(population) AS residents
    FROM core.population
    WHERE age_to <= 17
    GROUP BY ALL
    HAVING bool_and(age_from >= 0) AND NOT EXISTS (
        SELECT 1 FROM core.population AS straddle
        WHERE straddle.mid_year = core.population.mid_year AND straddle.age_from <= 17 AND straddle.age_to > 17)
)
SELECT p.period, p.period_type, '' AS breakdown,
       10000.0 * coalesce(o.n, 0) / c.residents AS value,
       coalesce(o.n, 0) AS numerator, c.residents AS denominator
FROM marts.periods AS p
JOIN children AS c ON c.mid_year = p.population_year
LEFT JOIN (SELECT period, count(*) AS n FROM marts.cp_open_at_period_end GROUP BY ALL) AS o USING (period)
WHERE c.residents > 0
