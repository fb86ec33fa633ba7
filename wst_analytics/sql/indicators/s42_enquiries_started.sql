-- S42 enquiries with start_date in the period.
SELECT p.period, p.period_type, '' AS breakdown, count(e.enquiry_id) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.periods AS p
LEFT JOIN core.s42_enquiries AS e
  ON e.start_date BETWEEN p.start_date AND p.end_date AND e.enquiry_type = 'S42'
GROUP BY ALL
