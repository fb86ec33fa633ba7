-- % of plans started in the period with previous_cpp_count >= 1.
SELECT p.period, p.period_type, '' AS breakdown,
       100.0 * count(c.child_id) FILTER (c.previous_cpp_count >= 1) / nullif(count(c.child_id), 0) AS value,
       count(c.child_id) FILTER (c.previous_cpp_count >= 1) AS numerator, count(c.child_id) AS denominator
FROM marts.periods AS p
LEFT JOIN core.cp_plans AS c ON c.cpp_start_date BETWEEN p.start_date AND p.end_date
GROUP BY ALL
