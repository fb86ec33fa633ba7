-- Each partnership's red and amber exceptions (an LA's are in its own report).
SELECT a.name, a.area_code, count(e.severity) FILTER (e.severity = 'red'),
       count(e.severity) FILTER (e.severity = 'amber')
FROM marts.areas AS a LEFT JOIN marts.exceptions AS e USING (area_type, area_code)
WHERE a.area_type = 'partnership' GROUP BY ALL ORDER BY a.area_code
