-- Sum of dna_charge_gbp for bookings on sessions in the period.
SELECT p.period, p.period_type, '' AS breakdown, coalesce(b.charges, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.periods AS p
LEFT JOIN (SELECT period, sum(dna_charge_gbp) AS charges FROM marts.training_bookings_in_period
           GROUP BY ALL) AS b USING (period)
