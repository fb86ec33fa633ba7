-- A breakdown (catalogue: `block`, `by`, `codes` or `codes_from`, `totals_block`,
-- `listed_block`): the rows of a building block counted by one of its columns, for every place
-- and period. With a code list, every code gets a row (zeros included); without one (an open
-- list), the codes that occur in `listed_block` (by default the block itself). numerator is
-- the count, denominator the period's total (the rows of `totals_block`, by default the block).
-- {block}, {totals_block}, {listed_block} and {by} are plain names from the catalogue, never
-- data; the code list comes in as the parameter $codes.
WITH counts AS (
    SELECT area_type, area_code, period_type, period, {by} AS breakdown, count(*) AS n
    FROM marts.{block} GROUP BY ALL
), totals AS (
    SELECT area_type, area_code, period_type, period, count(*) AS total
    FROM marts.{totals_block} GROUP BY ALL
), listed AS (
    SELECT p.area_type, p.area_code, p.period_type, p.period, k.code AS breakdown
    FROM marts.place_periods AS p CROSS JOIN (SELECT unnest($codes::VARCHAR[]) AS code) AS k
    UNION
    SELECT DISTINCT area_type, area_code, period_type, period, {by} FROM marts.{listed_block}
    WHERE len($codes::VARCHAR[]) = 0 OR NOT list_contains($codes::VARCHAR[], {by})
)
SELECT l.area_type, l.area_code, l.period_type, l.period, l.breakdown,
       coalesce(c.n, 0) AS value, coalesce(c.n, 0) AS numerator, coalesce(t.total, 0) AS denominator
FROM listed AS l
LEFT JOIN counts AS c USING (area_type, area_code, period_type, period, breakdown)
LEFT JOIN totals AS t USING (area_type, area_code, period_type, period)
