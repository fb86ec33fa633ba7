-- A record whose row in its latest current return was quarantined: core still shows an
-- earlier version of it (e.g. a plan whose end date came on a row that failed a rule).
-- {extract} is an extract's name, from the schemas, never data.
INSERT INTO audit.data_quality_findings (finding, extract, partner, record, period, file_label, source_row, message)
SELECT 'latest_version_quarantined', q.extract, q.partner, q.record_key, q.reporting_month,
       q.file_label, q.source_row,
       'the row for this record in the ' || strftime(q.reporting_month, '%B %Y') || ' return was '
       || 'quarantined (' || string_agg(DISTINCT q.rule, ', ' ORDER BY q.rule) || '): the warehouse '
       || 'shows its version from ' || strftime(any_value(c.reporting_month), '%B %Y')
FROM quarantine.rows AS q
JOIN audit.current_returns AS r USING (file_version_id)
JOIN core.{extract} AS c ON c.partner = q.partner AND c.record_key = q.record_key
WHERE q.extract = '{extract}' AND q.reporting_month > c.reporting_month
GROUP BY q.extract, q.partner, q.record_key, q.reporting_month, q.file_label, q.source_row;
