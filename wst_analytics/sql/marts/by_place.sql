-- marts.{extract}_by_place: each current record of one monthly extract once for every place it
-- belongs to: its LA, and each partnership of that LA. {extract} is an extract's name, from its
-- spec, never from data.
CREATE OR REPLACE VIEW marts.{extract}_by_place AS
SELECT m.area_type, m.area_code, r.*
FROM core.{extract} AS r
JOIN marts.area_members AS m USING (la_code);
