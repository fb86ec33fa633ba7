-- core.adult_concern_risk_types: one row per concern and type of risk (a concern with three
-- types has three rows), split from the `;`-joined list partners send. core.adult_concerns then
-- drops the list, so each fact lives in one place.
CREATE OR REPLACE TABLE core.adult_concern_risk_types AS
SELECT partner, concern_id, unnest(list_distinct(types_of_risk)) AS type_of_risk,
       file_version_id, file_label, source_row
FROM core.adult_concerns
ORDER BY partner, concern_id, type_of_risk;

ALTER TABLE core.adult_concerns DROP COLUMN types_of_risk;
