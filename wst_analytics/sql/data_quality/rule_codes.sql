-- Each finding's DfE code and kind, from the rule catalogue (`finding_codes`: a frame of
-- extract, finding, dfe_code, kind; extract '' holds for every extract).
UPDATE audit.data_quality_findings AS f
SET dfe_code = r.dfe_code, kind = r.kind
FROM finding_codes AS r
WHERE r.finding = f.finding AND r.extract IN (f.extract, '');
