-- An indicator that counts the rows of a building block (catalogue: `block`): one row per place
-- and period, zero where the block has none. {block} is a view in marts named by the
-- catalogue, checked to be a plain name, never data.
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown, coalesce(c.n, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.place_periods AS p
LEFT JOIN (SELECT area_type, area_code, period_type, period, count(*) AS n
           FROM marts.{block} GROUP BY ALL) AS c USING (area_type, area_code, period_type, period)
