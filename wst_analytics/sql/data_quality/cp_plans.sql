-- The CIN census queries on CP plans, a plausibility query of our own, and the census rules a
-- row can pass while the census would not (missing ethnicity, 4220: the contract makes it
-- optional) or that compare a child's plans (8935): each plan loads and the finding names it.
-- The reference date is the end of the month of the plan's row (its file's reporting month).
INSERT INTO audit.data_quality_findings (finding, extract, partner, record, period, file_label, source_row, message)
SELECT 'dob_and_expected_dob', 'cp_plans', partner, child_id, cpp_start_date, file_label, source_row,
       'plan starting ' || strftime(cpp_start_date, '%d/%m/%Y') || ' gives both a date of birth and an '
       || 'expected date of birth: one must be given, not both (DfE 8525Q)'
FROM core.cp_plans
WHERE date_of_birth IS NOT NULL AND expected_date_of_birth IS NOT NULL;

-- DfE 8530Q: the expected date of birth should lie after [reference date minus 30 days] and
-- before [reference date plus 9 months]; on either bound is outside, as DfE checks it.
INSERT INTO audit.data_quality_findings (finding, extract, partner, record, period, file_label, source_row, message)
SELECT 'expected_dob_out_of_range', 'cp_plans', partner, child_id, cpp_start_date, file_label, source_row,
       'plan starting ' || strftime(cpp_start_date, '%d/%m/%Y') || ': the expected date of birth is '
       || 'outside the expected range, from 30 days before to 9 months after the end of '
       || strftime(reporting_month, '%B %Y') || ' (DfE 8530Q)'
FROM core.cp_plans
WHERE expected_date_of_birth <= last_day(reporting_month) - INTERVAL 30 DAY
   OR expected_date_of_birth >= last_day(reporting_month) + INTERVAL 9 MONTH;

INSERT INTO audit.data_quality_findings (finding, extract, partner, record, period, file_label, source_row, message)
SELECT 'ethnicity_missing', 'cp_plans', partner, child_id, cpp_start_date, file_label, source_row,
       'plan starting ' || strftime(cpp_start_date, '%d/%m/%Y') || ' has no ethnicity: the CIN census '
       || 'requires one (DfE 4220)'
FROM core.cp_plans
WHERE ethnicity IS NULL;

INSERT INTO audit.data_quality_findings (finding, extract, partner, record, period, file_label, source_row, message)
SELECT 'many_previous_plans', 'cp_plans', partner, child_id, cpp_start_date, file_label, source_row,
       'plan starting ' || strftime(cpp_start_date, '%d/%m/%Y') || ' gives ' || previous_cpp_count
       || ' previous child protection plans: more than 99, check the count'
FROM core.cp_plans
WHERE previous_cpp_count > 99;

-- DfE 8935: a child with more than one plan without an end date; each open plan is named.
INSERT INTO audit.data_quality_findings (finding, extract, partner, record, period, file_label, source_row, message)
SELECT 'open_cp_plans', 'cp_plans', partner, child_id, cpp_start_date, file_label, source_row,
       'plan starting ' || strftime(cpp_start_date, '%d/%m/%Y') || ' has no end date, and this child has '
       || open_plans || ' open plans: only one may be open (DfE 8935)'
FROM (SELECT *, count(*) OVER (PARTITION BY partner, child_id) AS open_plans
      FROM core.cp_plans WHERE cpp_end_date IS NULL)
WHERE open_plans > 1;
