-- % of plans ended in the period that lasted two years or more (end on or after the second
-- anniversary of the start).
SELECT p.period, p.period_type, '' AS breakdown,
       100.0 * count(c.child_id) FILTER (c.cpp_end_date >= c.cpp_start_date + INTERVAL 2 YEAR)
             / nullif(count(c.child_id), 0) AS value,
       count(c.child_id) FILTER (c.cpp_end_date >= c.cpp_start_date + INTERVAL 2 YEAR) AS numerator,
       count(c.child_id) AS denominator
FROM marts.periods AS p
LEFT JOIN core.cp_plans AS c ON c.cpp_end_date BETWEEN p.start_date AND p.end_date
GROUP BY ALL
