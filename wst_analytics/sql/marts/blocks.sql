-- Building blocks several indicators share, one row per record and period.

-- CP plans open on each period's last day, with the child's age band on that day.
CREATE OR REPLACE VIEW marts.cp_open_at_period_end AS
SELECT p.period, p.period_type, c.partner, c.child_id, c.latest_category,
       CASE WHEN c.date_of_birth IS NULL OR c.date_of_birth > p.end_date THEN 'unborn'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 1 THEN 'under_1'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 5 THEN '1-4'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 10 THEN '5-9'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 16 THEN '10-15'
            WHEN date_sub('year', c.date_of_birth, p.end_date) < 18 THEN '16-17'
            ELSE '18_plus' END AS age_band
FROM marts.periods AS p
JOIN core.cp_plans AS c
  ON c.cpp_start_date <= p.end_date AND (c.cpp_end_date IS NULL OR c.cpp_end_date > p.end_date);

-- Adult concerns received in each period.
CREATE OR REPLACE VIEW marts.adult_concerns_in_period AS
SELECT p.period, p.period_type, c.*
FROM marts.periods AS p
JOIN core.adult_concerns AS c ON c.date_received BETWEEN p.start_date AND p.end_date;

-- S42 enquiries (type S42 only) concluded in each period.
CREATE OR REPLACE VIEW marts.s42_concluded_in_period AS
SELECT p.period, p.period_type, e.*
FROM marts.periods AS p
JOIN core.s42_enquiries AS e ON e.end_date BETWEEN p.start_date AND p.end_date
WHERE e.enquiry_type = 'S42';

-- Police incidents recorded in each period.
CREATE OR REPLACE VIEW marts.police_incidents_in_period AS
SELECT p.period, p.period_type, i.*
FROM marts.periods AS p
JOIN core.police_incidents AS i ON i.recorded_date BETWEEN p.start_date AND p.end_date;

-- Training sessions (course_code, session_date) held in each period, with their places.
CREATE OR REPLACE VIEW marts.training_sessions_in_period AS
SELECT p.period, p.period_type, t.course_code, t.session_date, max(t.capacity) AS capacity
FROM marts.periods AS p
JOIN core.training_attendance AS t ON t.session_date BETWEEN p.start_date AND p.end_date
GROUP BY ALL;

-- Training bookings for sessions in each period.
CREATE OR REPLACE VIEW marts.training_bookings_in_period AS
SELECT p.period, p.period_type, t.*
FROM marts.periods AS p
JOIN core.training_attendance AS t ON t.session_date BETWEEN p.start_date AND p.end_date;
