-- Building blocks several indicators share: one row per place, period and record. A record
-- belongs to its LA and to every partnership of that LA (marts.area_members), so a place's
-- figure is always computed from its own records, never from other places' figures. Each block
-- finds a record's periods first (a range join on its date: a record falls in one month and one
-- financial year) and only then its places (an equality join on its LA): joining places first
-- would pair every record with every period of its place before testing the dates.

-- CP plans open on each period's last day, with the child's age band on that day.
CREATE OR REPLACE VIEW marts.cp_open_at_period_end AS
SELECT m.area_type, m.area_code, p.period_type, p.period, c.partner, c.child_id,
       c.latest_category,
       CASE WHEN c.date_of_birth IS NULL OR c.date_of_birth > p.end_date THEN 'unborn'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 1 THEN 'under_1'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 5 THEN '1-4'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 10 THEN '5-9'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 16 THEN '10-15'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 18 THEN '16-17'
            ELSE '18_plus' END AS age_band
FROM marts.periods AS p
JOIN core.cp_plans AS c
  ON c.cpp_start_date <= p.end_date AND (c.cpp_end_date IS NULL OR c.cpp_end_date > p.end_date)
JOIN marts.area_members AS m USING (la_code);

-- CP plans started, and ended, in each period.
CREATE OR REPLACE VIEW marts.cp_started_in_period AS
SELECT m.area_type, m.area_code, p.period_type, p.period, c.*
FROM marts.periods AS p
JOIN core.cp_plans AS c ON c.cpp_start_date BETWEEN p.start_date AND p.end_date
JOIN marts.area_members AS m USING (la_code);

CREATE OR REPLACE VIEW marts.cp_ended_in_period AS
SELECT m.area_type, m.area_code, p.period_type, p.period, c.*
FROM marts.periods AS p
JOIN core.cp_plans AS c ON c.cpp_end_date BETWEEN p.start_date AND p.end_date
JOIN marts.area_members AS m USING (la_code);

-- ICPCs held in each period, with the working days from the strategy discussion (marts.calendar).
CREATE OR REPLACE VIEW marts.icpc_in_period AS
SELECT m.area_type, m.area_code, p.period_type, p.period, c.partner, c.child_id,
       icpc.working_day_number - strategy.working_day_number AS working_days
FROM marts.periods AS p
JOIN core.cp_plans AS c ON c.icpc_date BETWEEN p.start_date AND p.end_date
JOIN marts.calendar AS icpc ON icpc.date = c.icpc_date
JOIN marts.calendar AS strategy ON strategy.date = c.strategy_discussion_date
JOIN marts.area_members AS m USING (la_code);

-- Adult concerns received in each period, with the age band when received.
CREATE OR REPLACE VIEW marts.adult_concerns_in_period AS
SELECT m.area_type, m.area_code, p.period_type, p.period, c.*,
       CASE WHEN c.age IS NULL THEN 'not_known'
            WHEN c.age <= 18 THEN '18_or_under'
            WHEN c.age <= 29 THEN '19-29'
            WHEN c.age >= 90 THEN '90_plus'
            ELSE (c.age // 10 * 10) || '-' || (c.age // 10 * 10 + 9) END AS age_band
FROM marts.periods AS p
JOIN core.adult_concerns AS c ON c.date_received BETWEEN p.start_date AND p.end_date
JOIN marts.area_members AS m USING (la_code);

-- Each concern received in the period once per type of risk.
CREATE OR REPLACE VIEW marts.adult_concern_risks_in_period AS
SELECT c.area_type, c.area_code, c.period_type, c.period, c.partner, c.concern_id, r.type_of_risk
FROM marts.adult_concerns_in_period AS c
JOIN core.adult_concern_risk_types AS r USING (partner, concern_id);

-- S42 enquiries (type S42 only) started, and concluded, in each period.
CREATE OR REPLACE VIEW marts.s42_started_in_period AS
SELECT m.area_type, m.area_code, p.period_type, p.period, e.*
FROM marts.periods AS p
JOIN core.s42_enquiries AS e ON e.start_date BETWEEN p.start_date AND p.end_date
JOIN marts.area_members AS m USING (la_code)
WHERE e.enquiry_type = 'S42';

CREATE OR REPLACE VIEW marts.s42_concluded_in_period AS
SELECT m.area_type, m.area_code, p.period_type, p.period, e.*
FROM marts.periods AS p
JOIN core.s42_enquiries AS e ON e.end_date BETWEEN p.start_date AND p.end_date
JOIN marts.area_members AS m USING (la_code)
WHERE e.enquiry_type = 'S42';

-- (Police incidents recorded in each period, marts.police_incidents_in_period, are made from
-- the spec's `counted_by`: marts/in_period.sql.)

-- Training bookings for sessions in each period; those attended; and the sessions
-- (course_code, session_date) with a booking from the place, with their places.
CREATE OR REPLACE VIEW marts.training_bookings_in_period AS
SELECT m.area_type, m.area_code, p.period_type, p.period, t.*
FROM marts.periods AS p
JOIN core.training_attendance AS t ON t.session_date BETWEEN p.start_date AND p.end_date
JOIN marts.area_members AS m USING (la_code);

CREATE OR REPLACE VIEW marts.training_attended_in_period AS
SELECT * FROM marts.training_bookings_in_period WHERE attendance = 'ATTENDED';

CREATE OR REPLACE VIEW marts.training_sessions_in_period AS
SELECT area_type, area_code, period_type, period, course_code, session_date, max(capacity) AS capacity
FROM marts.training_bookings_in_period
GROUP BY ALL;

-- Police incidents with the CSE marker, and those where a crime was recorded.
CREATE OR REPLACE VIEW marts.cse_incidents_in_period AS
SELECT * FROM marts.police_incidents_in_period WHERE cse_marker;

CREATE OR REPLACE VIEW marts.cse_crimes_in_period AS
SELECT * FROM marts.cse_incidents_in_period WHERE crime_recorded;

-- The parts of the partnership's percentages: the rows a share counts, of the rows of a block.
CREATE OR REPLACE VIEW marts.cp_repeats_started_in_period AS
SELECT * FROM marts.cp_started_in_period WHERE previous_cpp_count >= 1;

-- plans ended on or after the second anniversary of their start
CREATE OR REPLACE VIEW marts.cp_ended_2y_plus_in_period AS
SELECT * FROM marts.cp_ended_in_period WHERE cpp_end_date >= cpp_start_date + INTERVAL 2 YEAR;

-- ICPCs timed from a strategy discussion, and those within 15 working days of it
CREATE OR REPLACE VIEW marts.icpc_timed_in_period AS
SELECT * FROM marts.icpc_in_period WHERE working_days IS NOT NULL;

CREATE OR REPLACE VIEW marts.icpc_within_15_days_in_period AS
SELECT * FROM marts.icpc_timed_in_period WHERE working_days <= 15;

-- concerns received in the period that led to at least one enquiry of type S42 (whenever it started)
CREATE OR REPLACE VIEW marts.adult_concerns_to_s42_in_period AS
SELECT * FROM marts.adult_concerns_in_period AS c
WHERE EXISTS (SELECT 1 FROM core.s42_enquiries AS e
              WHERE e.partner = c.partner AND e.concern_id = c.concern_id AND e.enquiry_type = 'S42');

-- concluded S42 enquiries where desired outcomes were asked; expressed; fully or partly achieved
CREATE OR REPLACE VIEW marts.s42_msp_asked_in_period AS
SELECT * FROM marts.s42_concluded_in_period WHERE msp_asked = 'Y';

CREATE OR REPLACE VIEW marts.s42_msp_expressed_in_period AS
SELECT * FROM marts.s42_concluded_in_period WHERE msp_expressed = 'Y';

CREATE OR REPLACE VIEW marts.s42_msp_achieved_in_period AS
SELECT * FROM marts.s42_msp_expressed_in_period WHERE msp_achieved IN ('FULLY', 'PARTIALLY');

-- training bookings that were attended or not (DNA), and those not attended
CREATE OR REPLACE VIEW marts.training_expected_in_period AS
SELECT * FROM marts.training_bookings_in_period WHERE attendance IN ('ATTENDED', 'DNA');

CREATE OR REPLACE VIEW marts.training_dna_in_period AS
SELECT * FROM marts.training_bookings_in_period WHERE attendance = 'DNA';
