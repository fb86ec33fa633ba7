-- DNA as % of (ATTENDED + DNA), bookings for sessions in the period.
WITH bookings AS (
    SELECT area_type, area_code, period_type, period, count(*) FILTER (attendance = 'DNA') AS dna,
           count(*) FILTER (attendance IN ('ATTENDED', 'DNA')) AS expected
    FROM marts.training_bookings_in_period GROUP BY ALL
)
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown,
       100.0 * coalesce(b.dna, 0) / nullif(b.expected, 0) AS value,
       coalesce(b.dna, 0) AS numerator, coalesce(b.expected, 0) AS denominator
FROM marts.place_periods AS p
LEFT JOIN bookings AS b USING (area_type, area_code, period_type, period)
