-- Building blocks several indicators share: one row per place, period and record. A record
-- belongs to its LA and to every partnership of that LA (marts.area_members), so a place's
-- figure is always computed from its own records, never from other places' figures.

-- CP plans open on each period's last day, with the child's age band on that day.
CREATE OR REPLACE VIEW marts.cp_open_at_period_end AS
SELECT p.area_type, p.area_code, p.period_type, p.period, c.partner, c.child_id,
       c.latest_category,
       CASE WHEN c.date_of_birth IS NULL OR c.date_of_birth > p.end_date THEN 'unborn'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 1 THEN 'under_1'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 5 THEN '1-4'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 10 THEN '5-9'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 16 THEN '10-15'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 18 THEN '16-17'
            ELSE '18_plus' END AS age_band
FROM marts.place_periods AS p
JOIN marts.cp_plans_by_place AS c
  ON c.area_type = p.area_type AND c.area_code = p.area_code
 AND c.cpp_start_date <= p.end_date AND (c.cpp_end_date IS NULL OR c.cpp_end_date > p.end_date);

-- CP plans started, and ended, in each period.
CREATE OR REPLACE VIEW marts.cp_started_in_period AS
SELECT p.area_type, p.area_code, p.period_type, p.period, c.* EXCLUDE (area_type, area_code)
FROM marts.place_periods AS p
JOIN marts.cp_plans_by_place AS c
  ON c.area_type = p.area_type AND c.area_code = p.area_code
 AND c.cpp_start_date BETWEEN p.start_date AND p.end_date;

CREATE OR REPLACE VIEW marts.cp_ended_in_period AS
SELECT p.area_type, p.area_code, p.period_type, p.period, c.* EXCLUDE (area_type, area_code)
FROM marts.place_periods AS p
JOIN marts.cp_plans_by_place AS c
  ON c.area_type = p.area_type AND c.area_code = p.area_code
 AND c.cpp_end_date BETWEEN p.start_date AND p.end_date;

-- Adult concerns received in each period, with the age band when received.
CREATE OR REPLACE VIEW marts.adult_concerns_in_period AS
SELECT p.area_type, p.area_code, p.period_type, p.period, c.* EXCLUDE (area_type, area_code),
       CASE WHEN c.age IS NULL THEN 'not_known'
            WHEN c.age <= 18 THEN '18_or_under'
            WHEN c.age <= 29 THEN '19-29'
            WHEN c.age >= 90 THEN '90_plus'
            ELSE (c.age // 10 * 10) || '-' || (c.age // 10 * 10 + 9) END AS age_band
FROM marts.place_periods AS p
JOIN marts.adult_concerns_by_place AS c
  ON c.area_type = p.area_type AND c.area_code = p.area_code
 AND c.date_received BETWEEN p.start_date AND p.end_date;

-- Each concern received in the period once per type of risk.
CREATE OR REPLACE VIEW marts.adult_concern_risks_in_period AS
SELECT c.area_type, c.area_code, c.period_type, c.period, c.partner, c.concern_id, r.type_of_risk
FROM marts.adult_concerns_in_period AS c
JOIN core.adult_concern_risk_types AS r USING (partner, concern_id);

-- S42 enquiries (type S42 only) started, and concluded, in each period.
CREATE OR REPLACE VIEW marts.s42_started_in_period AS
SELECT p.area_type, p.area_code, p.period_type, p.period, e.* EXCLUDE (area_type, area_code)
FROM marts.place_periods AS p
JOIN marts.s42_enquiries_by_place AS e
  ON e.area_type = p.area_type AND e.area_code = p.area_code
 AND e.start_date BETWEEN p.start_date AND p.end_date
WHERE e.enquiry_type = 'S42';

CREATE OR REPLACE VIEW marts.s42_concluded_in_period AS
SELECT p.area_type, p.area_code, p.period_type, p.period, e.* EXCLUDE (area_type, area_code)
FROM marts.place_periods AS p
JOIN marts.s42_enquiries_by_place AS e
  ON e.area_type = p.area_type AND e.area_code = p.area_code
 AND e.end_date BETWEEN p.start_date AND p.end_date
WHERE e.enquiry_type = 'S42';

-- (Police incidents recorded in each period, marts.police_incidents_in_period, are made from
-- the spec's `counted_by`: marts/in_period.sql.)

-- Training bookings for sessions in each period; those attended; and the sessions
-- (course_code, session_date) with a booking from the place, with their places.
CREATE OR REPLACE VIEW marts.training_bookings_in_period AS
SELECT p.area_type, p.area_code, p.period_type, p.period, t.* EXCLUDE (area_type, area_code)
FROM marts.place_periods AS p
JOIN marts.training_attendance_by_place AS t
  ON t.area_type = p.area_type AND t.area_code = p.area_code
 AND t.session_date BETWEEN p.start_date AND p.end_date;

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
