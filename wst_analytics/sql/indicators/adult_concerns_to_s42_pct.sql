-- adult_concerns_to_s42 as % of adult_concerns_received.
WITH concerns AS (
    SELECT area_type, area_code, period_type, period, count(*) AS received,
           count(*) FILTER (EXISTS (SELECT 1 FROM core.s42_enquiries AS e
                                    WHERE e.partner = c.partner AND e.concern_id = c.concern_id
                                      AND e.enquiry_type = 'S42')) AS to_s42
    FROM marts.adult_concerns_in_period AS c
    GROUP BY ALL
)
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown,
       100.0 * coalesce(c.to_s42, 0) / nullif(c.received, 0) AS value,
       coalesce(c.to_s42, 0) AS numerator, coalesce(c.received, 0) AS denominator
FROM marts.place_periods AS p
LEFT JOIN concerns AS c USING (area_type, area_code, period_type, period)
