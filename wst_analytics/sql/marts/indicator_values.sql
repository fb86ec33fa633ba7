-- marts.indicator_values: one row per indicator, place, period and breakdown (see
-- docs/interfaces/indicators.md). A place is an LA (area_type local_authority, its GSS code)
-- or a partnership (area_type partnership, its code in the registry); a month `2010-11` and
-- the financial year `2010-11` are two periods, told apart by period_type. breakdown is ''
-- for the headline figure. For a rate or a share, numerator and denominator are its parts;
-- for a breakdown count, numerator is the count and denominator the period total.
-- completeness: a month whose owed return never arrived is `missing` (value, numerator and
-- denominator null, never 0), a financial year holding one `incomplete` (marts/completeness.sql).
CREATE OR REPLACE TABLE marts.indicator_values (
    indicator_id VARCHAR NOT NULL,
    area_type    VARCHAR NOT NULL,   -- local_authority or partnership
    area_code    VARCHAR NOT NULL,   -- E08000031, or the partnership's code
    period_type  VARCHAR NOT NULL,   -- financial_year or month
    period       VARCHAR NOT NULL,   -- 2019-20 (financial year) or 2019-07 (month)
    breakdown    VARCHAR NOT NULL,
    value        DOUBLE,
    numerator    DOUBLE,
    denominator  DOUBLE,
    completeness VARCHAR NOT NULL DEFAULT 'complete',  -- complete, incomplete or missing
    missing_returns VARCHAR,         -- the owed returns not received: `wst training_attendance 2019-08; ...`
    PRIMARY KEY (indicator_id, area_type, area_code, period_type, period, breakdown)
);
