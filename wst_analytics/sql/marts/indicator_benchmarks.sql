-- marts.indicator_benchmarks: each row of marts.indicator_values that has published figures to
-- compare with (core.benchmarks), with the comparators (docs/interfaces/indicators.md; the
-- rules in docs/places.md). Filled from marts/comparisons.sql.
CREATE OR REPLACE TABLE marts.indicator_benchmarks (
    indicator_id     VARCHAR NOT NULL,
    area_type        VARCHAR NOT NULL,   -- local_authority or partnership
    area_code        VARCHAR NOT NULL,
    period_type      VARCHAR NOT NULL,   -- financial_year or month
    period           VARCHAR NOT NULL,   -- this place's period
    breakdown        VARCHAR NOT NULL,
    value            DOUBLE,             -- this place's figure
    benchmark_period VARCHAR NOT NULL,   -- the period the comparators are for: this one, or the
                                         -- latest earlier one published (national figures lag)
    england_value    DOUBLE,
    england_symbol   VARCHAR,            -- the publisher's symbol where England's is suppressed
    region_code      VARCHAR,            -- the place's region (a partnership's: when all its LAs share one)
    region_value     DOUBLE,
    region_symbol    VARCHAR,
    neighbours_mean  DOUBLE,             -- mean of the neighbours' published figures
    neighbours_n     INTEGER NOT NULL,   -- how many neighbours had one
    rank             INTEGER,            -- 1 = highest, among the LAs with a published figure
    rank_of          INTEGER,            -- how many LAs that is, this place included
    quartile         VARCHAR,            -- A (the best quarter for the polarity) to D
    source           VARCHAR NOT NULL,   -- the publication
    PRIMARY KEY (indicator_id, area_type, area_code, period_type, period, breakdown)
);
