-- The CIN census rules on CP plans the contract does not require: its queries, a plausibility
-- query of our own, its errors on values the contract leaves free (a missing ethnicity, 4220;
-- 8520, 8750, 8715, 8875, 2885 below) and one comparing a child's plans (8935; 8940 is in
-- findings.sql): each plan loads and the finding names it (docs/rules.md).
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

-- The census errors on values the contract leaves free: the row loads, the finding says the
-- census would reject it (DfE 8520, 8750, 8715, 8875, 2885).
INSERT INTO audit.data_quality_findings (finding, extract, partner, record, period, file_label, source_row, message)
SELECT 'dob_after_month_end', 'cp_plans', partner, child_id, cpp_start_date, file_label, source_row,
       'plan starting ' || strftime(cpp_start_date, '%d/%m/%Y') || ': the date of birth is after the end '
       || 'of ' || strftime(reporting_month, '%B %Y') || ', the data collection period (DfE 8520)'
FROM core.cp_plans
WHERE date_of_birth > last_day(reporting_month);

INSERT INTO audit.data_quality_findings (finding, extract, partner, record, period, file_label, source_row, message)
SELECT 'unborn_sex', 'cp_plans', partner, child_id, cpp_start_date, file_label, source_row,
       'plan starting ' || strftime(cpp_start_date, '%d/%m/%Y') || ' is for an unborn child (an expected '
       || 'date of birth, no date of birth) whose sex is not U (DfE 8750)'
FROM core.cp_plans
WHERE date_of_birth IS NULL AND expected_date_of_birth IS NOT NULL AND sex <> 'U';

INSERT INTO audit.data_quality_findings (finding, extract, partner, record, period, file_label, source_row, message)
SELECT 'icpc_after_month_end', 'cp_plans', partner, child_id, cpp_start_date, file_label, source_row,
       'plan starting ' || strftime(cpp_start_date, '%d/%m/%Y') || ': the initial child protection '
       || 'conference is after the end of ' || strftime(reporting_month, '%B %Y') || ' (DfE 8715)'
FROM core.cp_plans
WHERE icpc_date > last_day(reporting_month);

INSERT INTO audit.data_quality_findings (finding, extract, partner, record, period, file_label, source_row, message)
SELECT 'icpc_on_weekend', 'cp_plans', partner, child_id, cpp_start_date, file_label, source_row,
       'plan starting ' || strftime(cpp_start_date, '%d/%m/%Y') || ': the initial child protection '
       || 'conference is on a ' || dayname(icpc_date) || ' (DfE 8875)'
FROM core.cp_plans
WHERE isodow(icpc_date) >= 6;

-- DfE 2885, for a plan starting in the census year (from 1 April) of its row's month.
INSERT INTO audit.data_quality_findings (finding, extract, partner, record, period, file_label, source_row, message)
SELECT 'plan_start_not_icpc', 'cp_plans', partner, child_id, cpp_start_date, file_label, source_row,
       'plan starting ' || strftime(cpp_start_date, '%d/%m/%Y') || ' starts on a different day from its '
       || 'initial child protection conference, ' || strftime(icpc_date, '%d/%m/%Y') || ' (DfE 2885)'
FROM core.cp_plans
WHERE icpc_date IS NOT NULL AND cpp_start_date <> icpc_date
  AND cpp_start_date >= make_date(year(reporting_month) - CASE WHEN month(reporting_month) < 4 THEN 1 ELSE 0 END, 4, 1);
