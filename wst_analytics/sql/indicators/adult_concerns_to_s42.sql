-- Concerns received in the period that led to at least one enquiry of type S42 (whenever
-- the enquiry started).
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown, coalesce(c.n, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.place_periods AS p
LEFT JOIN (
    SELECT area_type, area_code, period_type, period, count(*) AS n
    FROM marts.adult_concerns_in_period AS c
    WHERE EXISTS (SELECT 1 FROM core.s42_enquiries AS e
                  WHERE e.partner = c.partner AND e.concern_id = c.concern_id AND e.enquiry_type = 'S42')
    GROUP BY ALL
) AS c USING (area_type, area_code, period_type, period)
