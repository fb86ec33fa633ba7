-- adult_concerns_to_s42 as % of adult_concerns_received.
WITH concerns AS (
    SELECT period, count(*) AS received,
           count(*) FILTER (EXISTS (SELECT 1 FROM core.s42_enquiries AS e
                                    WHERE e.partner = c.partner AND e.concern_id = c.concern_id
                                      AND e.enquiry_type = 'S42')) AS to_s42
    FROM marts.adult_concerns_in_period AS c
    GROUP BY ALL
)
SELECT p.period, p.period_type, '' AS breakdown,
       100.0 * coalesce(c.to_s42, 0) / nullif(c.received, 0) AS value,
       coalesce(c.to_s42, 0) AS numerator, coalesce(c.received, 0) AS denominator
FROM marts.periods AS p
LEFT JOIN concerns AS c USING (period)
