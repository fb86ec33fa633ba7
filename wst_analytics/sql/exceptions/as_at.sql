-- The warehouse as the exception report saw it as at an earlier month (month: YYYY-MM), in a
-- scratch database with the warehouse attached read-only as `src` (exceptions/as_at.py).
-- received_by: when the first return for a later month was received (NULL: none yet).
-- Statements are split on ';' followed by a blank line.

-- The file versions received by then (a file's received time as returns.sql takes it).
CREATE TABLE audit.file_versions AS
SELECT * FROM src.audit.file_versions
WHERE CAST($received_by AS TIMESTAMP) IS NULL OR least(received_at, loaded_at) < CAST($received_by AS TIMESTAMP);

-- Cross-record findings of records in months up to then.
CREATE TABLE audit.data_quality_findings AS
SELECT * FROM src.audit.data_quality_findings
WHERE period IS NULL OR strftime(period, '%Y-%m') <= $month;

-- Months up to then, and financial years that had ended by then: a year still in progress
-- would now hold later months' figures.
CREATE TABLE marts.indicator_values AS
SELECT * FROM src.marts.indicator_values
WHERE ((period_type = 'month' AND period <= $month)
       OR (period_type = 'financial_year'
           AND CAST(CAST(left(period, 4) AS INTEGER) + 1 AS VARCHAR) || '-03' <= $month));

CREATE TABLE marts.indicator_yoy AS
SELECT * FROM src.marts.indicator_yoy
WHERE ((period_type = 'month' AND period <= $month)
       OR (period_type = 'financial_year'
           AND CAST(CAST(left(period, 4) AS INTEGER) + 1 AS VARCHAR) || '-03' <= $month));

CREATE TABLE marts.indicator_benchmarks AS
SELECT * FROM src.marts.indicator_benchmarks
WHERE ((period_type = 'month' AND period <= $month)
       OR (period_type = 'financial_year'
           AND CAST(CAST(left(period, 4) AS INTEGER) + 1 AS VARCHAR) || '-03' <= $month))
