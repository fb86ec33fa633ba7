-- marts.{extract}_in_period: each current record of one monthly extract, for every period its
-- `counted_by` date falls in (the spec names the date) and every place it belongs to: the
-- periods found first by the date, then the places by the record's LA (marts/blocks.sql says
-- why). A building block: an indicator counting its rows needs no SQL (catalogue: block).
-- {extract} and {date} come from the extract's spec, never from data.
CREATE OR REPLACE VIEW marts.{extract}_in_period AS
SELECT m.area_type, m.area_code, p.period_type, p.period, r.*
FROM marts.periods AS p
JOIN core.{extract} AS r ON r."{date}" BETWEEN p.start_date AND p.end_date
JOIN marts.area_members AS m USING (la_code);
