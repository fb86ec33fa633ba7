-- history: every valid row of every loaded file version, pseudonymised, with its lineage
-- (file_version_id, source_row). core is computed from here; nothing here is ever updated.
-- Whole numbers are BIGINT (the reader accepts up to 18 digits; the schemas bound them) and
-- money DECIMAL(12, 2) (the reader accepts at most 9 digits and 2 decimal places).

CREATE TABLE IF NOT EXISTS history.cp_plans (
    file_version_id BIGINT NOT NULL, source_row INTEGER NOT NULL,
    partner VARCHAR NOT NULL, reporting_month DATE NOT NULL, record_status VARCHAR NOT NULL,
    child_id VARCHAR NOT NULL, date_of_birth DATE, expected_date_of_birth DATE, sex VARCHAR,
    ethnicity VARCHAR, strategy_discussion_date DATE, icpc_date DATE, cpp_start_date DATE NOT NULL,
    cpp_end_date DATE, initial_category VARCHAR, latest_category VARCHAR,
    previous_cpp_count BIGINT
);

CREATE TABLE IF NOT EXISTS history.adult_concerns (
    file_version_id BIGINT NOT NULL, source_row INTEGER NOT NULL,
    partner VARCHAR NOT NULL, reporting_month DATE NOT NULL, record_status VARCHAR NOT NULL,
    concern_id VARCHAR NOT NULL, person_id VARCHAR, date_received DATE, age BIGINT, sex VARCHAR,
    types_of_risk VARCHAR[], location_of_risk VARCHAR
);

CREATE TABLE IF NOT EXISTS history.s42_enquiries (
    file_version_id BIGINT NOT NULL, source_row INTEGER NOT NULL,
    partner VARCHAR NOT NULL, reporting_month DATE NOT NULL, record_status VARCHAR NOT NULL,
    enquiry_id VARCHAR NOT NULL, concern_id VARCHAR, person_id VARCHAR, enquiry_type VARCHAR,
    start_date DATE, end_date DATE, risk_outcome VARCHAR, msp_asked VARCHAR,
    msp_expressed VARCHAR, msp_achieved VARCHAR
);

CREATE TABLE IF NOT EXISTS history.police_incidents (
    file_version_id BIGINT NOT NULL, source_row INTEGER NOT NULL,
    partner VARCHAR NOT NULL, reporting_month DATE NOT NULL, record_status VARCHAR NOT NULL,
    incident_id VARCHAR NOT NULL, recorded_date DATE, child_ref VARCHAR, child_age BIGINT,
    cse_marker BOOLEAN, crime_recorded BOOLEAN
);

CREATE TABLE IF NOT EXISTS history.training_attendance (
    file_version_id BIGINT NOT NULL, source_row INTEGER NOT NULL,
    partner VARCHAR NOT NULL, reporting_month DATE NOT NULL, record_status VARCHAR NOT NULL,
    booking_id VARCHAR NOT NULL, course_code VARCHAR, course_title VARCHAR, session_date DATE,
    delivery VARCHAR, capacity BIGINT, attendee_agency VARCHAR, attendance VARCHAR,
    dna_charge_gbp DECIMAL(12, 2)
);

CREATE TABLE IF NOT EXISTS history.population (
    file_version_id BIGINT NOT NULL, source_row INTEGER NOT NULL,
    partner VARCHAR NOT NULL, reporting_month DATE NOT NULL, record_status VARCHAR NOT NULL,
    mid_year BIGINT NOT NULL, age_from BIGINT NOT NULL, age_to BIGINT, population BIGINT
);
