-- Plans starting in the period.
SELECT p.period, p.period_type, '' AS breakdown, count(c.child_id) AS value,
       NULL AS numerator, NULL AS denominator
FROM marts.periods AS p
LEFT JOIN core.cp_plans AS c ON c.cpp_start_date BETWEEN p.start_date AND p.end_date
GROUP BY ALL
