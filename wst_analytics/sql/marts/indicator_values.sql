-- marts.indicator_values: one row per indicator, period and breakdown (see
-- docs/interfaces/indicators.md). breakdown is '' for the headline figure. For a rate or a share,
-- numerator and denominator are its parts; for a breakdown count, numerator is the count and
-- denominator the period total.
CREATE OR REPLACE TABLE marts.indicator_values (
    indicator_id VARCHAR NOT NULL,
    period       VARCHAR NOT NULL,   -- 2019-20 (financial year) or 2019-07 (month)
    period_type  VARCHAR NOT NULL,   -- financial_year or month
    breakdown    VARCHAR NOT NULL,
    value        DOUBLE,
    numerator    DOUBLE,
    denominator  DOUBLE,
    PRIMARY KEY (indicator_id, period, breakdown)
);
