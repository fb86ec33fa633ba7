-- cse_crimes_recorded as % of cse_incidents.
WITH cse AS (
    SELECT area_type, area_code, period_type, period, count(*) AS incidents, count(*) FILTER (crime_recorded) AS crimes
    FROM marts.police_incidents_in_period WHERE cse_marker GROUP BY ALL
)
SELECT p.area_type, p.area_code, p.period_type, p.period, '' AS breakdown,
       100.0 * coalesce(c.crimes, 0) / nullif(c.incidents, 0) AS value,
       coalesce(c.crimes, 0) AS numerator, coalesce(c.incidents, 0) AS denominator
FROM marts.place_periods AS p
LEFT JOIN cse AS c USING (area_type, area_code, period_type, period)
