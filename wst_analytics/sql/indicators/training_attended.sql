-- Bookings for sessions in the period with attendance ATTENDED.
SELECT p.period, p.period_type, '' AS breakdown, coalesce(b.n, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.periods AS p
LEFT JOIN (SELECT period, count(*) AS n FROM marts.training_bookings_in_period
           WHERE attendance = 'ATTENDED' GROUP BY ALL) AS b USING (period)
