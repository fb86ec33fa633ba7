-- DNA as % of (ATTENDED + DNA), bookings for sessions in the period.
WITH bookings AS (
    SELECT period, count(*) FILTER (attendance = 'DNA') AS dna,
           count(*) FILTER (attendance IN ('ATTENDED', 'DNA')) AS expected
    FROM marts.training_bookings_in_period GROUP BY ALL
)
SELECT p.period, p.period_type, '' AS breakdown,
       100.0 * coalesce(b.dna, 0) / nullif(b.expected, 0) AS value,
       coalesce(b.dna, 0) AS numerator, coalesce(b.expected, 0) AS denominator
FROM marts.periods AS p
LEFT JOIN bookings AS b USING (period)
