-- training_attended by attendee_agency: the agencies that booked in the period (the list is
-- open, so an agency with no bookings in a period has no row).
WITH counts AS (
    SELECT period, attendee_agency AS breakdown, count(*) FILTER (attendance = 'ATTENDED') AS n
    FROM marts.training_bookings_in_period GROUP BY ALL
), totals AS (
    SELECT period, count(*) AS total FROM marts.training_bookings_in_period
    WHERE attendance = 'ATTENDED' GROUP BY ALL
)
SELECT p.period, p.period_type, c.breakdown, c.n AS value, c.n AS numerator,
       coalesce(t.total, 0) AS denominator
FROM marts.periods AS p
JOIN counts AS c USING (period)
LEFT JOIN totals AS t USING (period)
