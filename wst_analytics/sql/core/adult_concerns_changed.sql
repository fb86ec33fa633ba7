-- After core.adult_concerns is updated for the changed records (core/changed_records.sql):
-- their risk types, as core/adult_concerns.sql splits them.
DELETE FROM core.adult_concern_risk_types AS t
USING changed_keys AS k
WHERE t.partner = k.partner AND t.concern_id = k.concern_id;

INSERT INTO core.adult_concern_risk_types
SELECT partner, concern_id, unnest(list_distinct(types_of_risk)) AS type_of_risk,
       file_version_id, file_label, source_row
FROM changed_records
WHERE record_status = 'active';
