-- Sum of dna_charge_gbp for bookings on sessions in the period.
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown, coalesce(b.charges, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.place_periods AS p
LEFT JOIN (SELECT area_type, area_code, period_type, period, sum(dna_charge_gbp) AS charges FROM marts.training_bookings_in_period
           GROUP BY ALL) AS b USING (area_type, area_code, period_type, period)
