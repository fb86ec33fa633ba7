-- marts.{extract}_in_period: each current record of one monthly extract, for every place it
-- belongs to and every period its `counted_by` date falls in (the spec names the date). A
-- building block: an indicator counting its rows needs no SQL of its own (catalogue: block).
-- {extract} and {date} come from the extract's spec, never from data.
CREATE OR REPLACE VIEW marts.{extract}_in_period AS
SELECT p.area_type, p.area_code, p.period_type, p.period, r.* EXCLUDE (area_type, area_code)
FROM marts.place_periods AS p
JOIN marts.{extract}_by_place AS r
  ON r.area_type = p.area_type AND r.area_code = p.area_code
 AND r."{date}" BETWEEN p.start_date AND p.end_date;
