-- audit.data_quality_findings: cross-record findings and the rules' queries, which load the
-- row, rebuilt from core after every load. Each names the record by its pseudonymised key and
-- its lineage; its DfE code and kind come from the rule catalogue (rule_codes.sql).
DELETE FROM audit.data_quality_findings;

-- An enquiry whose concern is not (yet) in the warehouse: it may arrive later.
INSERT INTO audit.data_quality_findings (finding, extract, partner, record, period, file_label, source_row, message)
SELECT 'unknown_concern', 's42_enquiries', e.partner, e.enquiry_id, e.start_date,
       e.file_label, e.source_row,
       'enquiry starting ' || strftime(e.start_date, '%d/%m/%Y')
       || ' names a concern_id that no adult_concerns return has sent'
FROM core.s42_enquiries AS e
ANTI JOIN core.adult_concerns AS c ON c.partner = e.partner AND c.concern_id = e.concern_id;

-- An enquiry that starts before its concern was received: the enquiry loads (the contract
-- does not require the order; the enquiry still happened), and the finding says so.
INSERT INTO audit.data_quality_findings (finding, extract, partner, record, period, file_label, source_row, message)
SELECT 'enquiry_before_concern', 's42_enquiries', e.partner, e.enquiry_id, e.start_date,
       e.file_label, e.source_row,
       'enquiry starts ' || strftime(e.start_date, '%d/%m/%Y') || ', before its concern was received '
       || strftime(c.date_received, '%d/%m/%Y')
FROM core.s42_enquiries AS e
JOIN core.adult_concerns AS c ON c.partner = e.partner AND c.concern_id = e.concern_id
WHERE e.start_date < c.date_received;

-- Two CP plans open at the same time for one child (DfE 8940, counted as DfE counts it: a plan
-- starting on the day another ends overlaps it). The finding names the later plan.
INSERT INTO audit.data_quality_findings (finding, extract, partner, record, period, file_label, source_row, message)
SELECT 'overlapping_cp_plans', 'cp_plans', b.partner, b.child_id, b.cpp_start_date,
       b.file_label, b.source_row,
       'plan starting ' || strftime(b.cpp_start_date, '%d/%m/%Y')
       || ' overlaps another open plan for the same child, started '
       || strftime(a.cpp_start_date, '%d/%m/%Y')
FROM core.cp_plans AS a
JOIN core.cp_plans AS b
  ON a.partner = b.partner AND a.child_id = b.child_id
 AND a.cpp_start_date < b.cpp_start_date
 AND b.cpp_start_date <= coalesce(a.cpp_end_date, DATE '9999-12-31');
